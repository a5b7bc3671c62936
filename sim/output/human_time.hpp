#pragma once
// Durations as the table and the sparklines show them to people.
#include <string>

namespace buslab {

// A duration for people: "812 us", "9.41 ms", "1.25 s".
std::string human_seconds(double seconds);
// A mean and the half-width of its 95% confidence interval, in the mean's unit: "9.04 ± 0.21 ms".
std::string human_seconds_within(double seconds, double half_width);

}  // namespace buslab
