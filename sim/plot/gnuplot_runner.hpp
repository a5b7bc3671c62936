#pragma once
// Runs gnuplot (Debian's gnuplot-nox) on a script `buslab plot` wrote, so that the charts appear whole or not at
// all: gnuplot draws in a fresh hidden folder beside them, and each chart is renamed into place once gnuplot
// succeeded. $BUSLAB_GNUPLOT names another gnuplot (tests use it to play a machine without one).
#include <string>
#include <vector>

namespace buslab::plot {

// The gnuplot to run: $BUSLAB_GNUPLOT, else `gnuplot` on the PATH; "" when there is none.
std::string find_gnuplot();

// Runs `script` (a path) with the charts' folder `dir`; moves `files` (names gnuplot writes) into `dir`. Throws
// PlotOutputError with gnuplot's own message when it fails, or when it is not there (saying how to install it).
// Returns what gnuplot said on stderr when it succeeded (warnings).
std::string run_gnuplot(const std::string& script, const std::string& dir, const std::vector<std::string>& files);

}  // namespace buslab::plot
