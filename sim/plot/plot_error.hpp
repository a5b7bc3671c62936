#pragma once
// What `buslab plot` refuses, and why: bad input (exit code 2) or an output it could not make (exit code 5).
#include <stdexcept>

namespace buslab::plot {

// An input that cannot be drawn: an unreadable or foreign CSV, a metric it does not have, nothing left to draw.
// The message names the file (and line) and what was expected.
class PlotInputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A chart that could not be made: gnuplot missing or failing, a destination that cannot be written.
class PlotOutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace buslab::plot
