#include "sim/scenario/random_faults.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "models/core/rng.hpp"
#include "sim/scenario/schema.hpp"
#include "sim/scenario/schema_table.hpp"

namespace buslab {

namespace {

std::vector<std::string> servers(const Scenario& s) {
  std::vector<std::string> names;
  for (const auto& service : s.services)
    for (auto& replica : replica_names(service, service.replicas)) names.push_back(std::move(replica));
  return names;
}

// Every process a kill may take: server replicas, then client, publisher and consumer instances.
std::vector<std::string> killable(const Scenario& s) {
  std::vector<std::string> names = servers(s);
  for (const auto& c : s.clients)
    for (int k = 1; k <= c.count; ++k) names.push_back(replica_name(c.name, k));
  for (const auto& p : s.publishers)
    for (int k = 1; k <= p.count; ++k) names.push_back(replica_name(p.name, k));
  for (const auto& c : s.consumers)
    for (int k = 1; k <= c.count; ++k) names.push_back(replica_name(c.name, k));
  return names;
}

template <typename T>
std::vector<std::string> names_of(const std::vector<T>& items) {
  std::vector<std::string> names;
  for (const auto& item : items) names.push_back(item.name);
  return names;
}

// Two ordered times, [first, second] (`what` describes them for the error).
std::pair<double, double> time_pair(const JsonReader& field, const std::string& what) {
  const std::vector<JsonReader> items = field.items("a list of two times " + what, true);
  if (items.size() != 2) field.fail("a list of two times " + what);
  const double first = items[0].time(JsonReader::Bound::AtLeastZero);
  const double second = items[1].time(JsonReader::Bound::AtLeastZero);
  if (second < first) items[1].fail(fmt::format("a time at or after {}s (the first of the two)", first));
  return {first, second};
}

// A count the scenario cannot honour: "kills: expected 0, found 3; the scenario has no ...".
void require(const JsonReader& random, const std::string& key, int count, bool possible, const std::string& lacking) {
  if (count > 0 && !possible) random.field(key).fail("0", "the scenario has no " + lacking);
}

// Times are drawn to the microsecond, so that the header prints them as they are.
double microseconds(double seconds) {
  return std::round(seconds * 1e6) / 1e6;
}

}  // namespace

RandomFaultsSpec read_random_faults(const JsonReader& random, const Scenario& scenario) {
  const ObjectTable& table = random_faults_table();
  random.expect_object(table.keys());
  RandomFaultsSpec spec;
  spec.seed = random.field("seed").present() ? random.field("seed").unsigned_integer() : scenario.seed;
  spec.to = scenario.duration;
  if (random.field("window").present()) std::tie(spec.from, spec.to) = time_pair(random.field("window"), "[from, to]");
  spec.kills = table_integer(random, table, "kills", 0);
  spec.restarts = table_integer(random, table, "restarts", 0);
  if (spec.restarts > spec.kills)
    random.field("restarts").fail(fmt::format("at most kills ({}): only a killed process restarts", spec.kills));
  spec.host_down = table_integer(random, table, "host_down", 0);
  spec.link_down = table_integer(random, table, "link_down", 0);
  spec.hangs = table_integer(random, table, "hangs", 0);
  spec.broker_crashes = table_integer(random, table, "broker_crashes", 0);
  if (random.field("down_for").present())
    std::tie(spec.down_min, spec.down_max) = time_pair(random.field("down_for"), "[min, max]");
  if (random.field("same_instant").present()) spec.same_instant = random.field("same_instant").probability();
  require(random, "kills", spec.kills, !killable(scenario).empty(), "process to kill");
  require(random, "hangs", spec.hangs, !scenario.services.empty(), "server to hang");
  require(random, "broker_crashes", spec.broker_crashes, !scenario.brokers.empty(), "broker");
  require(random, "link_down", spec.link_down, !scenario.platform.links.empty(), "platform.links to cut");
  return spec;
}

std::vector<FaultSpec> expand_random_faults(const RandomFaultsSpec& spec, const Scenario& scenario) {
  Rng rng(spec.seed, "nemesis");
  std::vector<FaultSpec> out;
  double previous = -1.0;
  // When the next fault starts: anywhere in the window, or at the instant of the one before.
  const auto instant = [&] {
    if (previous < 0 || !(rng.uniform01() < spec.same_instant))
      previous = microseconds(spec.from + (spec.to - spec.from) * rng.uniform01());
    return previous;
  };
  const auto outage = [&] { return microseconds(spec.down_min + (spec.down_max - spec.down_min) * rng.uniform01()); };
  const auto pick = [&](const std::vector<std::string>& names) { return names[rng.below(names.size())]; };
  // A fault at `at`, and its end `outage()` later when `ends`.
  const auto add = [&](const std::vector<std::string>& targets, FaultAction start, FaultAction end, bool ends) {
    const double at = instant();
    const std::string target = pick(targets);
    out.push_back(FaultSpec{at, start, target, 1, {}});
    if (ends) out.push_back(FaultSpec{microseconds(at + outage()), end, target, 1, {}});
  };
  const std::vector<std::string> processes = killable(scenario), replicas = servers(scenario);
  const std::vector<std::string> hosts = names_of(scenario.platform.hosts);
  for (int i = 0; i < spec.kills; ++i) add(processes, FaultAction::Kill, FaultAction::Restart, i < spec.restarts);
  for (int i = 0; i < spec.host_down; ++i) add(hosts, FaultAction::HostDown, FaultAction::HostUp, true);
  for (int i = 0; i < spec.link_down; ++i)
    add(names_of(scenario.platform.links), FaultAction::LinkDown, FaultAction::LinkUp, true);
  for (int i = 0; i < spec.hangs; ++i) add(replicas, FaultAction::Hang, FaultAction::Resume, true);
  for (int i = 0; i < spec.broker_crashes; ++i)
    add(names_of(scenario.brokers), FaultAction::Kill, FaultAction::Restart, true);
  std::stable_sort(out.begin(), out.end(), [](const FaultSpec& a, const FaultSpec& b) { return a.at < b.at; });
  return out;
}

std::string describe_fault(const FaultSpec& fault) {
  return fmt::format("{}s {} {}", fault.at, fault_action_name(fault.action), fault.target);
}

}  // namespace buslab
