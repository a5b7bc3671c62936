// `faults.random`, the seeded nemesis (sim/scenario/random_faults.hpp): what it draws, that it draws the same for
// the same seed and something else for another, and its errors.
#include <gtest/gtest.h>

#include <map>

#include "sim/scenario/random_faults.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "tests/support/scenario_test_util.hpp"

namespace buslab {

namespace {

using json = nlohmann::json;
using testing::error_of;
using testing::small_scenario;

// small_scenario() with `faults` replaced by {"schedule": [its fault], "random": `random`}.
json with_random(const std::string& random) {
  json doc = small_scenario();
  doc["faults"] = json{{"schedule", doc["faults"]}, {"random", json::parse(random)}};
  return doc;
}

Scenario load(const json& doc) {
  return load_scenario(doc, "default.json", "", {});
}

std::map<FaultAction, int> counts(const std::vector<FaultSpec>& faults) {
  std::map<FaultAction, int> n;
  for (const auto& f : faults) ++n[f.action];
  return n;
}

}  // namespace

TEST(RandomFaults, DrawsWhatItIsAskedForInsideItsWindow) {
  const Scenario s = load(with_random(R"({"seed": 3, "window": ["2s", "6s"], "kills": 4, "restarts": 3,
      "host_down": 2, "link_down": 1, "hangs": 2, "broker_crashes": 1, "down_for": ["1s", "2s"]})"));
  ASSERT_TRUE(s.random_faults);
  EXPECT_EQ(s.random_faults->drawn, 4u + 3 + 2 * 2 + 2 + 2 * 2 + 2);
  ASSERT_EQ(s.faults.size(), 1 + s.random_faults->drawn);
  EXPECT_EQ(s.faults[0].target, "compute-2");  // the schedule comes first
  const std::vector<FaultSpec> drawn(s.faults.begin() + 1, s.faults.end());
  auto n = counts(drawn);
  EXPECT_EQ(n[FaultAction::Kill], 4 + 1);  // processes, and the broker
  EXPECT_EQ(n[FaultAction::Restart], 3 + 1);
  EXPECT_EQ(n[FaultAction::HostDown], 2);
  EXPECT_EQ(n[FaultAction::HostUp], 2);
  EXPECT_EQ(n[FaultAction::LinkDown], 1);
  EXPECT_EQ(n[FaultAction::LinkUp], 1);
  EXPECT_EQ(n[FaultAction::Hang], 2);
  EXPECT_EQ(n[FaultAction::Resume], 2);
  for (size_t i = 0; i < drawn.size(); ++i) {
    const FaultSpec& f = drawn[i];
    if (i > 0) {
      EXPECT_LE(drawn[i - 1].at, f.at);  // in time order
    }
    const bool start = f.action == FaultAction::Kill || f.action == FaultAction::HostDown ||
                       f.action == FaultAction::LinkDown || f.action == FaultAction::Hang;
    if (start) {
      EXPECT_GE(f.at, 2.0);
      EXPECT_LE(f.at, 6.0);
    }
    if (f.action == FaultAction::Hang) {
      EXPECT_TRUE(f.target.rfind("compute-", 0) == 0 || f.target == "network-1") << f.target;
    }
    if (f.action == FaultAction::LinkDown) {
      EXPECT_EQ(f.target, "uplink");
    }
  }
  // Each end comes 1 to 2 s after the start of the same target.
  for (const auto& end : drawn) {
    if (end.action != FaultAction::HostUp && end.action != FaultAction::Resume) continue;
    const FaultAction start_action = end.action == FaultAction::HostUp ? FaultAction::HostDown : FaultAction::Hang;
    bool found = false;
    for (const auto& start : drawn)
      found = found || (start.action == start_action && start.target == end.target && end.at - start.at >= 1.0 - 1e-9 &&
                        end.at - start.at <= 2.0 + 1e-9);
    EXPECT_TRUE(found) << describe_fault(end);
  }
}

TEST(RandomFaults, TheSameSeedDrawsTheSameFaultsAndAnotherSeedOthers) {
  const auto describe = [](const Scenario& s) {
    std::string out;
    for (const auto& f : s.faults) out += describe_fault(f) + "\n";
    return out;
  };
  const std::string spec = R"({"kills": 5, "restarts": 2, "host_down": 1, "same_instant": 0})";
  const std::string first = describe(load(with_random(spec)));
  EXPECT_EQ(describe(load(with_random(spec))), first);
  // Without its own seed it follows the scenario's (so --seeds draws other faults at each seed).
  json reseeded = with_random(spec);
  reseeded["seed"] = 2;
  EXPECT_NE(describe(load(reseeded)), first);
  EXPECT_EQ(load(reseeded).random_faults->seed, 2u);
}

TEST(RandomFaults, SameInstantFaultsShareTheirTime) {
  const Scenario s = load(with_random(R"({"kills": 6, "same_instant": 1})"));
  ASSERT_EQ(s.random_faults->drawn, 6u);
  for (size_t i = 2; i < s.faults.size(); ++i) EXPECT_EQ(s.faults[i].at, s.faults[1].at);
}

TEST(RandomFaults, BadFieldsAreNamedWithWhatWasExpected) {
  EXPECT_EQ(
      error_of(with_random(R"({"kills": 2, "restarts": 3})")),
      "default.json: faults.random.restarts: expected at most kills (2): only a killed process restarts, found 3");
  EXPECT_EQ(error_of(with_random(R"({"window": ["5s", "1s"]})")),
            "default.json: faults.random.window[1]: expected a time at or after 5s (the first of the two), found "
            "\"1s\"");
  EXPECT_EQ(error_of(with_random(R"({"down_for": ["1s"]})")),
            "default.json: faults.random.down_for: expected a list of two times [min, max], found [\"1s\"]");
  EXPECT_EQ(error_of(with_random(R"({"kills": -1})")),
            "default.json: faults.random.kills: expected an integer >= 0, found -1");
  EXPECT_EQ(error_of(with_random(R"({"same_instant": 2})")),
            "default.json: faults.random.same_instant: expected a probability from 0 to 1, found 2");
  EXPECT_EQ(error_of(with_random(R"({"kils": 2})")),
            "default.json: faults.random.kils: unknown key; did you mean \"kills\"?");
  json no_links = with_random(R"({"link_down": 1})");
  no_links["platform"].erase("links");
  EXPECT_EQ(error_of(no_links),
            "default.json: faults.random.link_down: expected 0, found 1; the scenario has no platform.links to cut");
  json not_a_list = small_scenario();
  not_a_list["faults"] = "often";
  EXPECT_EQ(error_of(not_a_list),
            "default.json: faults: expected a list of faults, or {\"schedule\": [...], \"random\": {...}}, found "
            "\"often\"");
}

}  // namespace buslab
