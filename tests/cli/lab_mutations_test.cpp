// A valid scenario always runs to its end. Each lab is changed in one way that stresses the end of the run (long
// service times, waits or processing, slow broker operations, short or no drain, bursts of load, short
// timeouts), each change is run on every variant it applies to, and every run must exit 0: no crash, no
// conservation failure. The changes come from the labs' own lists (one per service method, broker, consumer,
// publisher...), so a new lab is covered without a line here.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "sim/scenario/scenario_loader.hpp"
#include "tests/support/cli_support.hpp"
#include "tests/support/temp_dir.hpp"

namespace buslab {

namespace {

using Json = nlohmann::json;

struct Mutation {
  std::string name;
  std::vector<std::string> sets;  // --set PATH=VALUE
};

std::string quoted(const std::string& key) {
  return "[\"" + key + "\"]";
}

// The changes that apply to `doc`: each one touches one element (or the drain) and keeps the scenario valid.
std::vector<Mutation> mutations_of(const Json& doc) {
  std::vector<Mutation> out = {{"no drain", {"drain=0s"}}, {"short drain", {"drain=100ms"}}};
  // A reference into `doc`, never a copy: an element of a copy would dangle once the copy is gone (the bug behind
  // this test's rare segfaults under ctest --repeat).
  static const Json kNone = Json::array();
  const auto list = [&](const char* key) -> const Json& { return doc.contains(key) ? doc.at(key) : kNone; };
  for (size_t i = 0; i < list("services").size(); ++i) {
    const Json& service = list("services")[i];
    if (!service.contains("methods")) continue;
    for (const auto& [method, ignored] : service["methods"].items()) {
      const std::string at = fmt::format("services[{}].methods{}", i, quoted(method));
      out.push_back({"long service time " + at, {at + ".service_time=2s", "drain=1s"}});
      out.push_back({"long wait " + at, {at + ".io_time=3s", "drain=500ms"}});
    }
  }
  for (size_t i = 0; i < list("brokers").size(); ++i) {
    const std::string at = fmt::format("brokers[{}].cost", i);
    out.push_back({"slow routing " + at, {at + ".route=1s"}});
    out.push_back({"slow deliveries " + at, {at + ".deliver=200ms", "drain=2s"}});
    out.push_back({"slow acks " + at, {at + ".ack=100ms", "drain=1s"}});
  }
  for (const char* group : {"consumers", "listeners"})
    for (size_t i = 0; i < list(group).size(); ++i)
      out.push_back(
          {fmt::format("slow {}[{}]", group, i), {fmt::format("{}[{}].processing_time=1s", group, i), "drain=3s"}});
  for (const char* group : {"clients", "publishers", "notifiers"})
    for (size_t i = 0; i < list(group).size(); ++i) {
      const Json& arrival = list(group)[i].value("arrival", Json::object());
      if (arrival.value("kind", "") == "poisson")
        // Ten times the rate for one second: a backlog that cannot drain in the second after it.
        out.push_back({fmt::format("burst {}[{}]", group, i),
                       {fmt::format("{}[{}].arrival.rate={}", group, i, arrival["rate"].get<double>() * 10),
                        "duration=1s", "drain=1s"}});
    }
  for (size_t i = 0; i < list("clients").size(); ++i)
    out.push_back({fmt::format("short timeout clients[{}]", i), {fmt::format("clients[{}].timeout=100ms", i)}});
  return out;
}

// The metrics.json a run of one variant wrote under `--out dir` (in dir/<run>/).
std::string metrics_file(const std::string& dir) {
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir))
    if (entry.path().filename() == "metrics.json") return entry.path().string();
  return dir + "/metrics.json";
}

std::vector<std::string> lab_names() {
  std::vector<std::string> labs;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(BUSLAB_SOURCE_DIR) + "/labs"))
    if (std::filesystem::exists(entry.path() / "scenario.json")) labs.push_back(entry.path().filename().string());
  std::sort(labs.begin(), labs.end());
  return labs;
}

class LabMutations : public ::testing::TestWithParam<std::string> {};

TEST_P(LabMutations, EveryOneChangeRunsToItsEnd) {
  const std::string file = std::string(BUSLAB_SOURCE_DIR) + "/labs/" + GetParam() + "/scenario.json";
  const Json doc = read_scenario_file(file);
  std::vector<std::string> variants = variant_names(doc, file);
  if (variants.empty()) variants.push_back("");
  const testing::TempDir out("mutations-" + GetParam());
  size_t runs = 0;
  for (const Mutation& mutation : mutations_of(doc))
    for (const std::string& variant : variants) {
      // A change may not apply to a variant that replaces what it changes (a list with fewer entries).
      try {
        load_scenario(doc, file, variant, mutation.sets);
      } catch (const ScenarioError&) {
        continue;
      }
      const std::string run_dir = out.file(std::to_string(runs));
      std::string args = "run " + file + " --no-timing --no-trace --out " + run_dir;
      if (!variant.empty()) args += " --variant " + variant;
      for (const auto& set : mutation.sets) args += " --set '" + set + "'";
      const testing::CliOutcome outcome = testing::run_buslab(args);
      ++runs;
      EXPECT_EQ(outcome.exit_code, 0) << mutation.name << ", variant " << variant << ": buslab " << args << "\n"
                                      << outcome.output;
      if (outcome.exit_code != 0) continue;
      // A run stopped at its drain deadline says so in the table, not only in metrics.json.
      const Json metrics = Json::parse(std::ifstream(metrics_file(run_dir)));
      EXPECT_EQ(outcome.output.find("no (deadline)") != std::string::npos, !metrics["drained"].get<bool>())
          << mutation.name << ", variant " << variant << ":\n"
          << outcome.output;
    }
  EXPECT_GE(runs, 3u) << "too few changes apply to this lab";
}

INSTANTIATE_TEST_SUITE_P(Labs, LabMutations, ::testing::ValuesIn(lab_names()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param;
                           for (char& c : name)
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           return name;
                         });

}  // namespace

}  // namespace buslab
