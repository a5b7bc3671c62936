#pragma once
// Headline numbers of one run, for comparing two side by side: how many calls ended how, and their latency.
#include <cstddef>

#include "tracefile/trace_model.hpp"

namespace buslab::tracefile {

struct CallStats {
  size_t calls = 0, ok = 0, timeouts = 0, errors = 0, pending = 0, casts = 0;
  size_t hops = 0, lost = 0, dropped = 0;
  // Latency of the calls that ended ok (casts excluded); NaN when there is none.
  double mean = 0, p50 = 0, p90 = 0, p99 = 0, max = 0;
};

CallStats call_stats(const Trace& trace);

}  // namespace buslab::tracefile
