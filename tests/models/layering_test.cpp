// The rooms of models/ and what each may include (docs/architecture.md): each room builds on the ones before it
// in this order, never on a later one, so there is no include cycle between rooms; rpc and amqp are side by
// side and do not include each other; nothing in models/ includes SimGrid or the simulator around it.
#include <gtest/gtest.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
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

// What an #include in `line` names ("models/rpc/x.hpp" gives `models/rpc/x.hpp"`), or "" when there is none;
// anywhere in the line, so that a commented-out include counts too. (By hand, not with <regex>: GCC 12's false
// -Wmaybe-uninitialized inside <regex> under -fsanitize=address breaks the asan build.)
std::string included(const std::string& line) {
  const std::string directive = "#include";
  const auto blank = [&](size_t i) { return i < line.size() && std::isspace(static_cast<unsigned char>(line[i])); };
  for (size_t at = line.find(directive); at != std::string::npos; at = line.find(directive, at + 1)) {
    size_t i = at + directive.size();
    if (!blank(i)) continue;
    while (blank(i)) ++i;
    if (i < line.size() && (line[i] == '"' || line[i] == '<')) return line.substr(i + 1);
  }
  return "";
}

TEST(Layering, TheIncludeReaderReadsWhatTheCompilerWould) {
  EXPECT_EQ(included("#include \"models/rpc/x.hpp\""), "models/rpc/x.hpp\"");
  EXPECT_EQ(included("#include  <simgrid/s4u.hpp>"), "simgrid/s4u.hpp>");
  EXPECT_EQ(included("#includes \"models/rpc/x.hpp\""), "");
  EXPECT_EQ(included("// #include \"sim/x.hpp\""), "sim/x.hpp\"");
  EXPECT_EQ(included("#include\"models/x.hpp\""), "");
}

TEST(Layering, EveryModelRoomIncludesOnlyTheRoomsBelowIt) {
  const fs::path models = fs::path(BUSLAB_SOURCE_DIR) / "models";
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
      const std::string path = included(line);
      for (const char* outside : {"sim/", "tracefile/", "visualizer/", "simgrid"})
        EXPECT_NE(path.rfind(outside, 0), 0u) << entry.path() << ": " << line;
      if (path.rfind("models/", 0) != 0) continue;
      const size_t slash = path.find('/', 7);
      if (slash == std::string::npos) continue;
      const std::string to = path.substr(7, slash - 7);
      EXPECT_TRUE(to == room || allowed().at(room).count(to)) << entry.path() << " (room " << room << "): " << line;
    }
  }
  EXPECT_GT(files, 50u);
}

}  // namespace

}  // namespace buslab
