#pragma once
// What the trace reader checks and settles once a whole trace is read, beyond what each value's own check covers.
#include <string>

#include "tracefile/trace_model.hpp"

namespace buslab::tracefile::reader {

// References the format's invariants leave to the reader: every lane id in range. The first broken one, naming
// the table, the row and the column; "" when none is.
std::string broken_reference(const Trace& trace);

// The format promises sorted records; a file that breaks the promise is sorted here rather than refused, because
// every index the visualizer builds relies on it.
void ensure_sorted(Trace& trace);

}  // namespace buslab::tracefile::reader
