#pragma once
// Writes a static sequence diagram of a time range as SVG, for slides: one vertical lifeline per lane that takes
// part (grouped by host), time running down, one arrow per hop coloured by kind with a label, fault marks, down
// bands and a legend. A call tree (`call`) is drawn on an axis spaced by events, its long waits cut out
// (svg_time_axis.hpp), with the tree and each call's share of its time under the diagram.
#include <cstddef>
#include <cstdint>
#include <ostream>
#include <stdexcept>

#include "tracefile/trace_index.hpp"
#include "tracefile/trace_model.hpp"

namespace buslab::tracefile {

struct SvgOptions {
  double t0 = 0, t1 = 0;  // hops leaving in [t0, t1]; t1 <= t0: the whole trace
  size_t max_arrows = 400;
  double height = 0;  // of the time axis in pixels; 0: from the number of arrows
  uint64_t call = 0;  // > 0: instead of a range, this call and every call made for it (its tree, from its root)
};

class SvgError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Throws SvgError when the range holds more than max_arrows hops (the message suggests a narrower range) or none.
// Returns the number of arrows drawn. Byte-identical output for the same trace and options.
size_t write_svg(const Trace& trace, const TraceIndex& index, const SvgOptions& options, std::ostream& out);

}  // namespace buslab::tracefile
