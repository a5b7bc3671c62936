#pragma once
// UTC dates as nova prints them ("2014-01-09 20:55:58"), to and from seconds since 1970, without the C library's
// time zones: the servicegroup's epoch (true time 0) and the Updated_At column of a service list.
#include <optional>
#include <string>

namespace buslab {

// "YYYY-MM-DD HH:MM:SS" (years 1970-9999), or nullopt when it is not one (Feb 30, 24:00:00, ...).
std::optional<double> parse_wall_time(const std::string& text);
// The whole second holding `seconds` (since 1970), as "YYYY-MM-DD HH:MM:SS".
std::string wall_time_text(double seconds);

}  // namespace buslab
