#pragma once
// Reads trace.json (docs/trace-format.md) into a Trace. A million-hop file (~100 MB) is streamed through a SAX
// handler into compact columns, so it loads in seconds without building a JSON tree.
//
// Every problem (unreadable file, bad JSON, wrong format or version, a missing column, a lane id out of range, a
// truncated file, a file over the size limit) throws TraceError with a message that starts with the file name.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include "tracefile/trace_model.hpp"

namespace buslab::tracefile {

class TraceError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct ReadOptions {
  // Larger files are refused before reading (each hop takes about half its text size in memory).
  uint64_t max_bytes = uint64_t{4} << 30;
};

Trace read_trace(const std::string& path, const ReadOptions& options = {});

// Parses trace text already in memory; `name` stands for the file in messages.
Trace parse_trace(std::string_view text, const std::string& name);

}  // namespace buslab::tracefile
