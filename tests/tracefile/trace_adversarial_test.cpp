// Traces with garbage in their numbers (non-finite, absurd, negative, out of order): the reader refuses each with
// the file and the place, and no export writes a file from one. What the reader accepts, every export writes as
// valid JSON or SVG.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/support/sample_trace.hpp"
#include "tests/support/temp_dir.hpp"
#include "tracefile/export_command.hpp"
#include "tracefile/trace_reader.hpp"

namespace buslab::tracefile {
namespace {

using testdata::replaced;
using testdata::sample_trace_json;

// `buslab export --chrome` or `--svg` of `trace` to `out`.
ExportRequest export_request(bool chrome, const std::string& trace, const std::string& out) {
  ExportRequest request;
  request.chrome = chrome;
  request.svg = !chrome;
  request.trace = trace;
  request.out = out;
  return request;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

struct Damage {
  const char* what;
  const char* from;  // replaced once in the sample trace
  const char* to;
  const char* error;  // the reader's whole message
};

const Damage kDamages[] = {
    {"a time beyond the range", "0.00021,0.00022", "1e308,1e308",
     "bad.json: hops[1]: column \"t_send\": expected a time in seconds from 0 to 1e16, found 1e+308"},
    {"a negative time", "[0.0005,5,\"depth\"", "[-0.5,5,\"depth\"",
     "bad.json: events[4]: column \"t\": expected a time in seconds from 0 to 1e16, found -0.5"},
    {"a negative integer time", "[1,1,\"add\",\"call\",0.0,", "[1,1,\"add\",\"call\",-1,",
     "bad.json: calls[0]: column \"t_start\": expected a time in seconds from 0 to 1e16, found -1"},
    {"an arrival beyond the range", "0.0059,0.006,", "0.0059,1e17,",
     "bad.json: hops[5]: column \"t_recv\": expected a time in seconds from 0 to 1e16 or null, found 1e+17"},
    {"a call that ends before it starts", "[2,1,\"add\",\"call\",0.0069,1.007,", "[2,1,\"add\",\"call\",0.0069,0.001,",
     "bad.json: calls[1]: ends (t_end 0.001) before it starts (t_start 0.0069)"},
    {"an absurd run length", "\"sim_time_s\":1.007", "\"sim_time_s\":1e300",
     "bad.json: \"sim_time_s\": expected a time in seconds from 0 to 1e16, found 1e+300"},
    {"an absurd size", ",1000,\"add\",\"ok\"]", ",18000000000000000000,\"add\",\"ok\"]",
     "bad.json: hops[0]: column \"bytes\": expected a number from 0 to 2^53 (9007199254740992), found "
     "18000000000000000000"},
    {"an absurd level", "[0.00022,5,\"depth\",1,0]", "[0.00022,5,\"depth\",1e308,0]",
     "bad.json: events[3]: column \"value\": expected a number from 0 to 2^53 (9007199254740992), found 1e+308"},
    {"a number too large for a double", "0.00021,0.00022", "1e400,0.00022",
     "bad.json: bad JSON at line 16, column 22 (byte 1189): number overflow parsing '1e400'"},
    {"NaN", "0.00021,0.00022", "NaN,0.00022",
     "bad.json: bad JSON at line 16, column 18 (byte 1185): syntax error while parsing value - invalid literal; "
     "last read: '5,N'"},
    {"infinity", "0.00021,0.00022", "Infinity,0.00022",
     "bad.json: bad JSON at line 16, column 18 (byte 1185): syntax error while parsing value - invalid literal; "
     "last read: '5,I'"},
};

TEST(TraceAdversarial, EachDamageIsRefusedWithTheFileAndThePlace) {
  for (const Damage& d : kDamages) {
    const std::string text = replaced(sample_trace_json(), d.from, d.to);
    ASSERT_NE(text, sample_trace_json()) << d.what << ": the damage was not applied";
    try {
      parse_trace(text, "bad.json");
      ADD_FAILURE() << d.what << ": read";
    } catch (const TraceError& e) {
      EXPECT_EQ(std::string(e.what()), d.error) << d.what;
    }
  }
}

// Through `buslab export`: exit 2, and no output file, not even an empty or a temporary one.
TEST(TraceAdversarial, NoExportWritesAFileFromADamagedTrace) {
  const testing::TempDir dir("adversarial");
  for (const Damage& d : kDamages) {
    const std::string trace = dir.file("bad.json");
    std::ofstream(trace) << replaced(sample_trace_json(), d.from, d.to);
    for (const bool chrome : {true, false}) {
      const ExportRequest request = export_request(chrome, trace, dir.file(chrome ? "out.json" : "out.svg"));
      EXPECT_EQ(run_export(request), kExportBadInput) << d.what;
      EXPECT_FALSE(std::filesystem::exists(request.out)) << d.what;
    }
    std::filesystem::remove(trace);
    EXPECT_TRUE(std::filesystem::is_empty(dir.path())) << d.what;
  }
}

// The format promises records in order; a file that breaks the promise is read in order all the same, so the
// exports do not depend on it.
TEST(TraceAdversarial, RecordsOutOfOrderExportAsIfInOrder) {
  const testing::TempDir dir("adversarial");
  std::string shuffled =
      replaced(sample_trace_json(), "[1,1,\"request\",1,4,0.0001,0.0002,1000,\"add\",\"ok\"],\n", "");
  shuffled = replaced(shuffled, "[2,2,\"delivery\",5,9,0.0072,null,1000,\"add\",\"lost\"]]",
                      "[2,2,\"delivery\",5,9,0.0072,null,1000,\"add\",\"lost\"],\n"
                      "[1,1,\"request\",1,4,0.0001,0.0002,1000,\"add\",\"ok\"]]");
  shuffled = replaced(shuffled, "[0,1,\"up\",1,0],", "");
  shuffled = replaced(shuffled, "[1.007,1,\"timeout\",0,2]]", "[1.007,1,\"timeout\",0,2],[0,1,\"up\",1,0]]");
  ASSERT_NE(shuffled, sample_trace_json());
  std::ofstream(dir.file("ordered.json")) << sample_trace_json();
  std::ofstream(dir.file("shuffled.json")) << shuffled;
  for (const bool chrome : {true, false}) {
    std::vector<std::string> outputs;
    for (const char* name : {"ordered.json", "shuffled.json"}) {
      ASSERT_EQ(run_export(export_request(chrome, dir.file(name), dir.file("out"))), kExportOk) << name;
      outputs.push_back(slurp(dir.file("out")));
    }
    EXPECT_TRUE(outputs[0] == outputs[1]) << (chrome ? "chrome" : "svg") << " exports differ";
  }
}

// The largest times the format holds still make valid exports: finite numbers only, no "inf" or "nan".
TEST(TraceAdversarial, TimesAtTheEdgeOfTheRangeExportAsValidFiles) {
  const testing::TempDir dir("adversarial");
  std::string text = replaced(sample_trace_json(), "\"sim_time_s\":1.007", "\"sim_time_s\":1e16");
  text = replaced(text, "[1.007,1,\"timeout\",0,2]]", "[1e16,1,\"timeout\",0,2]]");
  text = replaced(text, "[2,1,\"add\",\"call\",0.0069,1.007,", "[2,1,\"add\",\"call\",0.0069,1e16,");
  text = replaced(text, "[0,0,\"heartbeat\",9,3,0.0009,0.001,", "[0,0,\"heartbeat\",9,3,0.0009,1e16,");
  std::ofstream(dir.file("edge.json")) << text;
  ASSERT_EQ(run_export(export_request(true, dir.file("edge.json"), dir.file("edge.chrome.json"))), kExportOk);
  const auto doc = nlohmann::json::parse(slurp(dir.file("edge.chrome.json")));  // throws on "inf" or "nan"
  EXPECT_GT(doc["traceEvents"].size(), 10u);
  ASSERT_EQ(run_export(export_request(false, dir.file("edge.json"), dir.file("edge.svg"))), kExportOk);
  const std::string drawing = slurp(dir.file("edge.svg"));
  EXPECT_EQ(drawing.find("nan"), std::string::npos);
  EXPECT_EQ(drawing.find("inf"), std::string::npos);
  EXPECT_NE(drawing.find("</svg>"), std::string::npos);
}

}  // namespace
}  // namespace buslab::tracefile
