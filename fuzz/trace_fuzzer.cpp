// Fuzz target: trace text to the reader, then everything that reads a Trace without a window: the index, a few
// call paths, the Chrome export and the SVG export.
//
// The rules (docs/trace-format.md, GUIDE "bad input"): the reader returns a Trace or throws a TraceError naming
// the file; what it accepts, the exports turn into valid output (the Chrome JSON parses; the SVG has no nan or
// inf in its coordinates) or refuse with their own error; nothing else is thrown, nothing crashes or hangs.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <exception>
#include <sstream>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "fuzz/fuzz_check.hpp"
#include "tracefile/call_path.hpp"
#include "tracefile/chrome_export.hpp"
#include "tracefile/svg_export.hpp"
#include "tracefile/trace_index.hpp"
#include "tracefile/trace_reader.hpp"

namespace {

using buslab::fuzz::fail;
using namespace buslab::tracefile;

constexpr const char* kName = "fuzz.json";

// A geometry attribute (x="nan", points="1,inf ...") with a non-finite number: text (lane names, methods) may
// say anything, coordinates may not.
bool has_non_finite_coordinate(const std::string& svg) {
  static const char* const kGeometry[] = {" x=\"",     " y=\"",      " x1=\"",     " y1=\"",      " x2=\"",
                                          " y2=\"",    " cx=\"",     " cy=\"",     " r=\"",       " d=\"",
                                          " width=\"", " height=\"", " points=\"", " viewBox=\"", " transform=\""};
  for (const char* attribute : kGeometry)
    for (size_t at = svg.find(attribute); at != std::string::npos; at = svg.find(attribute, at + 1)) {
      const size_t start = at + std::strlen(attribute), end = svg.find('"', start);
      const std::string value = svg.substr(start, end == std::string::npos ? std::string::npos : end - start);
      if (value.find("nan") != std::string::npos || value.find("inf") != std::string::npos) return true;
    }
  return false;
}

void exercise(const Trace& trace) {
  const TraceIndex index(trace);
  for (size_t row = 0; row < trace.calls.size() && row < 8; ++row) {
    const CallPath path = trace_call(trace, index, trace.calls.call[row]);
    (void)path.total();
  }
  std::ostringstream chrome;
  write_chrome_trace(trace, index, chrome);
  const auto parsed = nlohmann::json::parse(chrome.str(), nullptr, false);
  if (parsed.is_discarded()) fail("the Chrome export wrote invalid JSON", chrome.str().substr(0, 2000));
  std::ostringstream svg;
  try {
    write_svg(trace, index, SvgOptions{}, svg);
  } catch (const SvgError&) {
    return;  // too many arrows or none: a refusal with its own message
  }
  if (has_non_finite_coordinate(svg.str())) fail("the SVG export wrote a non-finite number", svg.str().substr(0, 2000));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  Trace trace;
  try {
    trace = parse_trace(text, kName);
  } catch (const TraceError& e) {
    if (std::string(e.what()).rfind(kName, 0) != 0) fail("a trace error that does not name the file", e.what());
    return 0;
  } catch (const std::exception& e) {
    fail("the reader threw something other than TraceError", e.what());
  }
  try {
    exercise(trace);
  } catch (const std::exception& e) {
    fail("reading an accepted trace threw", e.what());
  }
  return 0;
}
