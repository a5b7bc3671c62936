#include "tracefile/trace_reader.hpp"

#include <algorithm>
#include <fstream>
#include <new>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "tracefile/trace_checks.hpp"
#include "tracefile/trace_sax_handler.hpp"

namespace buslab::tracefile {

namespace {

// "line 3, column 6" of a byte offset (1-based, as editors count).
std::string line_and_column(std::string_view text, size_t byte) {
  byte = std::min(byte, text.size());
  const std::string_view before = text.substr(0, byte);
  const size_t line = 1 + static_cast<size_t>(std::count(before.begin(), before.end(), '\n'));
  const size_t newline = before.rfind('\n');
  const size_t column = newline == std::string_view::npos ? byte : byte - newline - 1;
  return fmt::format("line {}, column {}", line, column);
}

std::string size_text(uint64_t bytes) {
  if (bytes >= (uint64_t{1} << 30)) return fmt::format("{:.1f} GB", static_cast<double>(bytes) / (1 << 30));
  if (bytes >= (uint64_t{1} << 20)) return fmt::format("{:.1f} MB", static_cast<double>(bytes) / (1 << 20));
  return fmt::format("{} bytes", bytes);
}

}  // namespace

Trace parse_trace(std::string_view text, const std::string& name) {
  if (text.empty()) throw TraceError(fmt::format("{}: the file is empty (was the run interrupted?)", name));
  Trace trace;
  trace.path = name;
  reader::Handler handler(trace);
  bool ok = false;
  try {
    ok = nlohmann::json::sax_parse(text.data(), text.data() + text.size(), &handler);
  } catch (const std::bad_alloc&) {
    throw TraceError(fmt::format("{}: out of memory after {} hops (the trace is too large for this machine)", name,
                                 trace.hops.size()));
  } catch (const std::exception& e) {
    throw TraceError(fmt::format("{}: {}", name, e.what()));
  }
  if (!ok) {
    if (handler.parse_failed()) {
      const size_t byte = handler.error_byte();
      if (byte >= text.size())
        throw TraceError(fmt::format("{}: the file ends early, at byte {} (truncated? was the run interrupted?)", name,
                                     text.size()));
      throw TraceError(
          fmt::format("{}: bad JSON at {} (byte {}): {}", name, line_and_column(text, byte), byte, handler.error()));
    }
    throw TraceError(fmt::format("{}: {}", name, handler.error().empty() ? "unreadable trace" : handler.error()));
  }
  if (const std::string broken = reader::broken_reference(trace); !broken.empty())
    throw TraceError(fmt::format("{}: {}", name, broken));
  reader::ensure_sorted(trace);
  trace.compute_span();
  return trace;
}

Trace read_trace(const std::string& path, const ReadOptions& options) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) throw TraceError(fmt::format("{}: cannot open the file", path));
  const std::streamoff size = in.tellg();
  if (size < 0) throw TraceError(fmt::format("{}: cannot read the file (is it a directory?)", path));
  if (static_cast<uint64_t>(size) > options.max_bytes)
    throw TraceError(fmt::format("{}: the file is {}, over the {} this tool reads at most (raise it with --max-size)",
                                 path, size_text(static_cast<uint64_t>(size)), size_text(options.max_bytes)));
  std::string text;
  try {
    text.resize(static_cast<size_t>(size));
  } catch (const std::bad_alloc&) {
    throw TraceError(fmt::format("{}: not enough memory to read {}", path, size_text(static_cast<uint64_t>(size))));
  }
  in.seekg(0);
  if (!in.read(text.data(), size)) throw TraceError(fmt::format("{}: cannot read the file", path));
  return parse_trace(text, path);
}

}  // namespace buslab::tracefile
