// Host clocks in a trace: the reader keeps each skewed host's clock, and the time a lane's host read at a true
// instant is worked out by hand (offset, drift in ppm, NTP steps), as is what the viewer writes for it.
#include "tracefile/host_time.hpp"

#include <gtest/gtest.h>

#include "tests/support/sample_trace.hpp"
#include "tracefile/trace_reader.hpp"

namespace buslab::tracefile {
namespace {

using testdata::replaced;
using testdata::sample_trace_json;

// The sample trace with compute1's clock 40 s ahead and drifting +100 ppm, stepped back by NTP every 64 s, and
// rabbit's 3 s behind.
std::string skewed_trace() {
  std::string text = replaced(sample_trace_json(), R"({"id":8,"name":"compute1","kind":"host","host":"compute1"})",
                              R"({"id":8,"name":"compute1","kind":"host","host":"compute1",)"
                              R"("clock":{"offset":40,"drift_ppm":100,"ntp_interval":64}})");
  return replaced(text, R"({"id":2,"name":"rabbit","kind":"host","host":"rabbit"})",
                  R"({"id":2,"name":"rabbit","kind":"host","host":"rabbit","clock":{"offset":-3,"drift_ppm":0,)"
                  R"("ntp_interval":0}})");
}

TEST(HostTime, TheReaderKeepsEachSkewedHostsClock) {
  const Trace t = parse_trace(skewed_trace(), "t.json");
  EXPECT_TRUE(t.lanes[8].clock_seen);
  EXPECT_DOUBLE_EQ(t.lanes[8].clock.offset, 40.0);
  EXPECT_DOUBLE_EQ(t.lanes[8].clock.drift_ppm, 100.0);
  EXPECT_DOUBLE_EQ(t.lanes[8].clock.ntp_interval, 64.0);
  EXPECT_FALSE(t.lanes[0].clock_seen);
}

TEST(HostTime, EachLaneReadsItsHostsClock) {
  const Trace t = parse_trace(skewed_trace(), "t.json");
  const HostTime time(t);
  EXPECT_TRUE(time.any_skewed());
  // compute-1 (lane 9) runs on compute1: 10 s of true time read 10 + 40 + 100e-6 x 10 = 50.001 s.
  EXPECT_NEAR(time.shown(TimeBase::HostClock, 9, 10.0), 50.001, 1e-9);
  // After NTP's first step at 64 s the error restarts from zero: at 100 s, 100 + 100e-6 x 36 = 100.0036 s.
  EXPECT_NEAR(time.shown(TimeBase::HostClock, 9, 100.0), 100.0036, 1e-9);
  // The queue on rabbit reads 3 s behind; a lane of a host without a clock reads true time.
  EXPECT_NEAR(time.shown(TimeBase::HostClock, 5, 10.0), 7.0, 1e-12);
  EXPECT_DOUBLE_EQ(time.shown(TimeBase::HostClock, 1, 10.0), 10.0);
  // True time is true time on every lane.
  EXPECT_DOUBLE_EQ(time.shown(TimeBase::True, 9, 10.0), 10.0);
  EXPECT_EQ(time.first_skewed_lane(), 2);
}

TEST(HostTime, InstantsSayWhoseClockTheyAre) {
  const Trace t = parse_trace(skewed_trace(), "t.json");
  const HostTime time(t);
  EXPECT_EQ(time.instant(TimeBase::True, 9, 2.5), "2.5 s");
  EXPECT_EQ(time.instant(TimeBase::HostClock, 9, 2.5), "42.50025 s by compute1's clock");
  EXPECT_EQ(time.instant(TimeBase::HostClock, 5, 5.0, 0.01), "2.00 s by rabbit's clock");
  EXPECT_EQ(time.instant(TimeBase::HostClock, 1, 2.5), "2.5 s");  // client1 keeps true time
  EXPECT_EQ(describe_clock(t.lanes[8].clock), "40 s ahead, drifting +100 ppm, NTP every 64 s");
  EXPECT_EQ(describe_clock(t.lanes[2].clock), "3 s behind");
  EXPECT_EQ(describe_clock(ClockSpec{}), "exact");
}

TEST(HostTime, ATraceWithoutClocksReadsTrueTimeEverywhere) {
  const Trace t = parse_trace(sample_trace_json(), "t.json");
  const HostTime time(t);
  EXPECT_FALSE(time.any_skewed());
  EXPECT_EQ(time.first_skewed_lane(), -1);
  EXPECT_DOUBLE_EQ(time.shown(TimeBase::HostClock, 9, 10.0), 10.0);
  EXPECT_EQ(time.instant(TimeBase::HostClock, 9, 2.5), "2.5 s");
}

TEST(HostTime, AClockOutOfBoundsIsAnErrorNamingIt) {
  const std::string text = replaced(skewed_trace(), R"("clock":{"offset":40,)", R"("clock":{"offset":1e300,)");
  try {
    parse_trace(text, "t.json");
    FAIL() << "read a clock 1e300 s ahead";
  } catch (const TraceError& e) {
    EXPECT_NE(std::string(e.what()).find("lanes[8]: \"clock.offset\": expected seconds from -1e9 to 1e9"),
              std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace buslab::tracefile
