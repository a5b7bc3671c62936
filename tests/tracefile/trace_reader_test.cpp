#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <random>

#include "tests/support/sample_trace.hpp"
#include "tests/support/temp_dir.hpp"
#include "tracefile/trace_reader.hpp"

namespace buslab::tracefile {
namespace {

using testdata::replaced;
using testdata::sample_trace_json;

std::string error_of(const std::string& text) {
  try {
    parse_trace(text, "t.json");
  } catch (const TraceError& e) {
    return e.what();
  }
  return "no error";
}

TEST(TraceReader, ReadsEveryTable) {
  const Trace t = parse_trace(sample_trace_json(), "t.json");
  EXPECT_EQ(t.scenario, "sample");
  EXPECT_EQ(t.variant, "brokered");
  EXPECT_EQ(t.seed, 7);
  EXPECT_EQ(t.title(), "sample / brokered");
  ASSERT_EQ(t.lanes.size(), 10u);
  EXPECT_EQ(t.lanes[5].name, "rabbit/q/compute");
  EXPECT_EQ(t.lanes[5].kind, LaneKind::Queue);
  EXPECT_EQ(t.lanes[9].workers, 2);
  EXPECT_EQ(t.lanes[9].service, "compute");
  ASSERT_EQ(t.hops.size(), 12u);
  EXPECT_EQ(t.hop_kind(2), HopKind::Delivery);
  EXPECT_EQ(t.method_name(2), "add");
  EXPECT_EQ(t.hops.from[2], 5);
  EXPECT_EQ(t.hops.to[2], 9);
  EXPECT_DOUBLE_EQ(t.hops.t_send[2], 0.0005);
  EXPECT_EQ(t.hops.bytes[2], 1000u);
  EXPECT_TRUE(std::isnan(t.hops.t_recv[11]));
  EXPECT_FALSE(t.hops.arrived(11));
  EXPECT_EQ(t.hop_status(11), HopStatus::Lost);
  ASSERT_EQ(t.events.size(), 16u);
  EXPECT_EQ(t.event_type(9), EventType::Kill);
  EXPECT_EQ(t.events.call[15], 2u);
  ASSERT_EQ(t.calls.size(), 2u);
  EXPECT_EQ(t.calls.server[1], -1);
  EXPECT_EQ(t.outcomes.name(t.calls.outcome[1]), "timeout");
  EXPECT_DOUBLE_EQ(t.t_begin, 0.0);
  EXPECT_DOUBLE_EQ(t.t_end, 1.007);
}

TEST(TraceReader, ReadsTheRunsLedgerAsFlatCounts) {
  const Trace t = parse_trace(sample_trace_json(), "t.json");
  const std::vector<std::pair<std::string, double>> expected = {
      {"created", 3},      {"consumed", 2},        {"dropped.refused", 0}, {"expired", 0}, {"lost.process_crash", 0},
      {"lost.network", 1}, {"remaining.queued", 0}};
  EXPECT_EQ(t.conservation, expected);  // "balanced" is no count
  // A trace written before the ledger was added has none.
  EXPECT_TRUE(
      parse_trace(replaced(sample_trace_json(), "\"conservation\"", "\"other\""), "t.json").conservation.empty());
}

TEST(TraceReader, LooksColumnsUpByNameAndSkipsUnknownOnes) {
  // Columns reordered and an extra one appended, as a later version may do.
  std::string text =
      replaced(sample_trace_json(),
               R"("hop_fields":["msg","call","kind","from","to","t_send","t_recv","bytes","method","status"])",
               R"("hop_fields":["t_send","t_recv","kind","msg","call","from","to","bytes","method","status","extra"])");
  text = replaced(text, R"([1,1,"request",1,4,0.0001,0.0002,1000,"add","ok"])",
                  R"([0.0001,0.0002,"request",1,1,1,4,1000,"add","ok",{"x":[1,2]}])");
  // Keep the other hops valid by giving them the new layout too: only the first is checked, so drop the rest.
  const size_t start = text.find("],\n[1,1,\"route\"");
  const size_t end = text.find("]],\n\"event_fields\"");
  text.erase(start + 1, end - start);
  const Trace t = parse_trace(text, "t.json");
  ASSERT_EQ(t.hops.size(), 1u);
  EXPECT_DOUBLE_EQ(t.hops.t_send[0], 0.0001);
  EXPECT_EQ(t.hops.to[0], 4);
  EXPECT_EQ(t.hop_kind(0), HopKind::Request);
}

TEST(TraceReader, ItsKindsMeanWhatTheWriterMeans) {
  // The reader's enums take their names from the writer's by position: an enumerator moved in one of them
  // would make the visualizer draw replies as acks. Anchors at both ends and in the middle of each.
  EXPECT_STREQ(to_string(HopKind::Request), "request");
  EXPECT_STREQ(to_string(HopKind::Reply), "reply");
  EXPECT_STREQ(to_string(HopKind::Error), "error");
  EXPECT_STREQ(to_string(HopKind::Local), "local");
  EXPECT_STREQ(to_string(EventType::Up), "up");
  EXPECT_STREQ(to_string(EventType::Kill), "kill");
  EXPECT_STREQ(to_string(EventType::Connected), "connected");
  EXPECT_STREQ(to_string(EventType::Resume), "resume");
  EXPECT_STREQ(to_string(EventType::Done), "done");
  EXPECT_STREQ(to_string(EventType::Lost), "lost");
  EXPECT_STREQ(to_string(LaneKind::Host), "host");
  EXPECT_STREQ(to_string(LaneKind::Queue), "queue");
  EXPECT_EQ(lane_kind_from("exchange"), LaneKind::Exchange);
  EXPECT_EQ(lane_kind_from("gateway"), LaneKind::Other);
}

TEST(TraceReader, KeepsKindsItDoesNotKnowByName) {
  const Trace t = parse_trace(replaced(sample_trace_json(), "\"heartbeat\"", "\"teleport\""), "t.json");
  EXPECT_EQ(t.kind_name(4), "teleport");
  EXPECT_EQ(t.hop_kind(4), HopKind::Other);
  const Trace local = parse_trace(replaced(sample_trace_json(), "\"heartbeat\"", "\"local\""), "t.json");
  EXPECT_EQ(local.hop_kind(4), HopKind::Local);
}

TEST(TraceReader, SkipsUnknownTopLevelKeysAndLaneAttributes) {
  std::string text = replaced(sample_trace_json(), "\"seed\":7,", "\"seed\":7,\"future\":{\"a\":[1,{\"b\":2}]},");
  text = replaced(text, "\"workers\":2}", "\"workers\":2,\"zone\":{\"rack\":3}}");
  EXPECT_EQ(parse_trace(text, "t.json").lanes.size(), 10u);
}

TEST(TraceReader, SortsRecordsAFileLeftUnsorted) {
  std::string text = replaced(sample_trace_json(), "[1,1,\"request\",1,4,0.0001,", "[1,1,\"request\",1,4,0.00049,");
  text = replaced(text, "0.00049,0.0002,", "0.00049,0.00049,");
  const Trace t = parse_trace(text, "t.json");
  for (size_t i = 1; i < t.hops.size(); ++i) EXPECT_LE(t.hops.t_send[i - 1], t.hops.t_send[i]);
  EXPECT_EQ(t.hop_kind(1), HopKind::Request);
}

TEST(TraceReader, BadJsonNamesTheFileTheByteAndTheLine) {
  const std::string text = replaced(sample_trace_json(), "[0,0,\"heartbeat\"", "[0,0,heartbeat");
  const std::string e = error_of(text);
  EXPECT_NE(e.find("t.json: bad JSON at line 19, column 6 (byte "), std::string::npos) << e;
  EXPECT_NE(e.find("invalid literal"), std::string::npos) << e;
}

TEST(TraceReader, TruncatedFileSaysSo) {
  const std::string text = sample_trace_json();
  const std::string e = error_of(text.substr(0, text.size() / 2));
  EXPECT_NE(e.find("ends early"), std::string::npos) << e;
  EXPECT_NE(error_of("").find("empty"), std::string::npos);
}

TEST(TraceReader, RefusesOtherFormatsAndVersions) {
  EXPECT_NE(error_of(replaced(sample_trace_json(), "buslab-trace", "chrome")).find("not a buslab trace"),
            std::string::npos);
  EXPECT_NE(
      error_of(replaced(sample_trace_json(), "\"version\":1", "\"version\":2")).find("version 2 is not supported"),
      std::string::npos);
  EXPECT_NE(error_of("[1,2,3]").find("not a buslab trace"), std::string::npos);
  EXPECT_NE(error_of("{\"lanes\":[]}").find("before \"format\""), std::string::npos);
  EXPECT_NE(error_of("{\"format\":\"buslab-trace\",\"version\":1}").find("\"lanes\" is missing"), std::string::npos);
}

TEST(TraceReader, MissingColumnIsNamed) {
  const std::string e = error_of(replaced(sample_trace_json(), "\"t_recv\",", ""));
  EXPECT_NE(e.find("\"hop_fields\" lacks the column \"t_recv\""), std::string::npos) << e;
}

TEST(TraceReader, LaneOutOfRangeIsNamed) {
  const std::string e = error_of(replaced(sample_trace_json(), "[1,1,\"route\",4,5,", "[1,1,\"route\",4,42,"));
  EXPECT_NE(e.find("hops[1]: column \"to\": lane 42 does not exist (the trace has 10 lanes"), std::string::npos) << e;
  const std::string lane_id = error_of(replaced(sample_trace_json(), "{\"id\":3,", "{\"id\":4,"));
  EXPECT_NE(lane_id.find("lanes[3]: \"id\" is 4, expected 3"), std::string::npos) << lane_id;
}

TEST(TraceReader, WrongValuesAndRowLengthsAreNamed) {
  EXPECT_NE(error_of(replaced(sample_trace_json(), "0.00021,0.00022", "\"soon\",0.00022"))
                .find("hops[1]: column \"t_send\": expected a time in seconds from 0 to 1e16, found \"soon\""),
            std::string::npos);
  EXPECT_NE(error_of(replaced(sample_trace_json(), ",80,\"\",\"ok\"]", ",80,\"\"]")).find("hops[3]: 9 values"),
            std::string::npos);
  EXPECT_NE(error_of(replaced(sample_trace_json(), "0.0006,0.0007", "0.0006,0.0005")).find("arrives"),
            std::string::npos);
  EXPECT_NE(error_of(replaced(sample_trace_json(), "\"call\",0.0,", "\"rpc\",0.0,")).find("calls[0]"),
            std::string::npos);
}

// The optional `parent` column is numbered after the required ones: a bad value in it is named like any other.
TEST(TraceReader, ABadParentIsNamed) {
  std::string text = replaced(sample_trace_json(), R"("outcome","server"])", R"("outcome","server","parent"])");
  text = replaced(text, R"([1,1,"add","call",0.0,0.0063,"ok",9])", R"([1,1,"add","call",0.0,0.0063,"ok",9,-3])");
  const std::string e = error_of(text);
  EXPECT_NE(e.find("calls[0]: column \"parent\": expected an integer >= 0, found -3"), std::string::npos) << e;
}

TEST(TraceReader, FileErrorsNameTheFile) {
  try {
    read_trace("/nonexistent/trace.json");
    FAIL();
  } catch (const TraceError& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent/trace.json: cannot open"), std::string::npos);
  }
  const testing::TempDir dir("reader");
  const std::string path = dir.file("big_trace.json");
  std::ofstream(path) << sample_trace_json();
  ReadOptions small;
  small.max_bytes = 100;
  try {
    read_trace(path, small);
    FAIL();
  } catch (const TraceError& e) {
    EXPECT_NE(std::string(e.what()).find("--max-size"), std::string::npos) << e.what();
  }
  EXPECT_EQ(read_trace(path).hops.size(), 12u);
}

// Whatever the damage, the reader either reads the file or throws TraceError: it never crashes or throws anything
// else.
TEST(TraceReader, DamagedFilesNeverCrash) {
  const std::string good = sample_trace_json();
  std::mt19937 rng(5);
  // Every strict prefix is an incomplete document: refused with an error naming the file, never a crash.
  for (size_t cut = 0; cut < good.size(); cut += 7) {
    try {
      parse_trace(good.substr(0, cut), "t.json");
      ADD_FAILURE() << "a trace cut at byte " << cut << " was accepted";
    } catch (const TraceError& e) {
      EXPECT_NE(std::string(e.what()).find("t.json"), std::string::npos) << e.what();
    }
  }
  // Random damage may still leave a valid trace; whatever it does, the reader answers with a trace or an error.
  const std::string alphabet = "[]{},:\"0-9.enul ";
  int refused = 0;
  for (int round = 0; round < 2000; ++round) {
    std::string text = good;
    for (int k = 0; k < 3; ++k) text[rng() % text.size()] = alphabet[rng() % alphabet.size()];
    try {
      parse_trace(text, "t.json");
    } catch (const TraceError& e) {
      ++refused;
      EXPECT_NE(std::string(e.what()).find("t.json"), std::string::npos) << e.what();
    }
  }
  EXPECT_GT(refused, 1000);  // most damage is caught, not read as a different trace
}

}  // namespace
}  // namespace buslab::tracefile
