// The rooms of models/ and what each may include (docs/architecture.md): each room builds on the ones before it
// in this order, never on a later one, so there is no include cycle between rooms; rpc and amqp are side by
// side and do not include each other; nothing in models/ includes SimGrid or the simulator around it.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string>

namespace buslab {

namespace {

namespace fs = std::filesystem;

// Room -> the rooms it may include (itself always).
const std::map<std::string, std::set<std::string>>& allowed() {
  static const std::map<std::string, std::set<std::string>> rooms = {
      {"core", {}},
      {"accounting", {"core"}},
      {"servicegroup", {"core"}},
      {"world", {"core", "accounting", "servicegroup"}},
      {"process", {"core", "accounting", "servicegroup", "world"}},
      {"broker", {"core", "accounting", "servicegroup", "world", "process"}},
      {"rpc", {"core", "accounting", "servicegroup", "world", "process", "broker"}},
      {"amqp", {"core", "accounting", "servicegroup", "world", "process", "broker"}},
      {"nova", {"core", "accounting", "servicegroup", "world", "process", "broker", "rpc"}},
  };
  return rooms;
}

TEST(Layering, EveryModelRoomIncludesOnlyTheRoomsBelowIt) {
  const fs::path models = fs::path(BUSLAB_SOURCE_DIR) / "models";
  const std::regex model_include(R"re(#include\s+"models/([a-z_]+)/)re");
  const std::regex outside_include(R"re(#include\s+["<](sim/|tracefile/|visualizer/|simgrid))re");
  size_t files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(models)) {
    if (!entry.is_regular_file()) continue;
    const std::string room = fs::relative(entry.path(), models).begin()->string();
    ASSERT_TRUE(allowed().count(room)) << "models/" << room << " is a room the layering does not know: add it to "
                                       << "this test and to docs/architecture.md";
    ++files;
    std::ifstream in(entry.path());
    std::string line;
    while (std::getline(in, line)) {
      std::smatch m;
      EXPECT_FALSE(std::regex_search(line, outside_include)) << entry.path() << ": " << line;
      if (!std::regex_search(line, m, model_include)) continue;
      const std::string to = m[1];
      EXPECT_TRUE(to == room || allowed().at(room).count(to)) << entry.path() << " (room " << room << "): " << line;
    }
  }
  EXPECT_GT(files, 50u);
}

}  // namespace

}  // namespace buslab
