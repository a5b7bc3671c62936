// The rooms of the tree and what each may include (docs/architecture.md). The rooms of models/ each build on the
// ones before them in their order, never on a later one; rpc and amqp are side by side and do not include each
// other; nothing in models/ includes SimGrid or the simulator around it. Above models/, the rooms of sim/,
// tracefile/ and visualizer/ include only the rooms below them (as CMakeLists.txt links them), and sim/engine is
// the only one that includes SimGrid. No file includes itself through others.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

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

// Room of the tree -> the rooms it may include (itself always): what CMakeLists.txt links each library with.
const std::map<std::string, std::set<std::string>>& tree_allowed() {
  static const std::set<std::string> base = {"models"};
  const auto with = [](std::set<std::string> rooms, std::initializer_list<const char*> more) {
    rooms.insert(more.begin(), more.end());
    return rooms;
  };
  static const std::set<std::string> output = with(base, {"tracefile", "sim/scenario", "sim/output"});
  static const std::set<std::string> deploy = with(output, {"sim/deploy"});
  static const std::set<std::string> queueing = with(deploy, {"sim/queueing"});
  static const std::map<std::string, std::set<std::string>> rooms = {
      {"models", {}},
      {"tracefile", base},
      {"sim/scenario", base},
      {"sim/output", with(base, {"tracefile", "sim/scenario"})},
      {"sim/plot", output},
      {"sim/deploy", output},
      {"sim/queueing", deploy},
      {"sim/engine", queueing},
      {"sim/cli", with(queueing, {"sim/engine", "sim/plot"})},
      {"visualizer", with(base, {"tracefile"})},
  };
  return rooms;
}

// The room a path of the tree (a file, or what an #include names) is in: "sim/<room>", or its top folder.
std::string room_of(const std::string& path) {
  const size_t slash = path.find('/');
  if (slash == std::string::npos) return "";
  if (path.compare(0, slash, "sim") != 0) return path.substr(0, slash);
  const size_t second = path.find('/', slash + 1);
  return second == std::string::npos ? "" : path.substr(0, second);
}

// Every C++ source of the rooms, by its path from the source directory, with the paths its #include lines name
// (up to the closing quote or bracket: `models/rpc/x.hpp"  // why` gives models/rpc/x.hpp).
std::map<std::string, std::vector<std::string>> tree_includes() {
  const fs::path source = BUSLAB_SOURCE_DIR;
  std::map<std::string, std::vector<std::string>> files;
  for (const char* top : {"models", "sim", "tracefile", "visualizer"})
    for (const auto& entry : fs::recursive_directory_iterator(source / top)) {
      const std::string extension = entry.path().extension().string();
      if (!entry.is_regular_file() || (extension != ".cpp" && extension != ".hpp")) continue;
      std::vector<std::string>& includes = files[fs::relative(entry.path(), source).generic_string()];
      std::ifstream in(entry.path());
      std::string line;
      while (std::getline(in, line))
        if (const std::string path = included(line); !path.empty())
          includes.push_back(path.substr(0, path.find_first_of("\">")));
    }
  return files;
}

TEST(Layering, TheRoomOfAPathIsItsSimRoomOrItsTopFolder) {
  EXPECT_EQ(room_of("sim/engine/run.hpp"), "sim/engine");
  EXPECT_EQ(room_of("tracefile/trace_reader.hpp"), "tracefile");
  EXPECT_EQ(room_of("models/rpc/oslo_topology.hpp"), "models");
  EXPECT_EQ(room_of("sim/x.hpp"), "");
  EXPECT_EQ(room_of("vector"), "");
}

TEST(Layering, EveryRoomIncludesOnlyTheRoomsBelowIt) {
  const auto files = tree_includes();
  for (const auto& [file, includes] : files) {
    const std::string room = room_of(file);
    ASSERT_TRUE(tree_allowed().count(room)) << file << ": " << room << " is a room the layering does not know: add "
                                            << "it to this test, to CMakeLists.txt and to docs/architecture.md";
    for (const std::string& path : includes) {
      const std::string to = room_of(path);
      if (!files.count(path)) continue;  // a system or library header
      EXPECT_TRUE(to == room || tree_allowed().at(room).count(to))
          << file << " (room " << room << ") includes " << path;
    }
  }
  EXPECT_GT(files.size(), 300u);
}

TEST(Layering, OnlySimEngineIncludesSimGrid) {
  size_t engine_files_with_simgrid = 0;
  for (const auto& [file, includes] : tree_includes())
    for (const std::string& path : includes)
      if (path.rfind("simgrid/", 0) == 0 || path.rfind("xbt/", 0) == 0 || path.rfind("xbt.h", 0) == 0) {
        EXPECT_EQ(room_of(file), "sim/engine") << file << " includes " << path;
        engine_files_with_simgrid += room_of(file) == "sim/engine";
      }
  EXPECT_GT(engine_files_with_simgrid, 0u) << "the check found SimGrid nowhere: it no longer reads what it checks";
}

// GCC 12 under -fsanitize=address gives false -Wmaybe-uninitialized warnings inside <regex>, which -Werror turns into
// a failed asan build (docs/testing.md): this catches one in the ordinary build already.
TEST(Layering, NoSourceIncludesRegex) {
  const fs::path source = BUSLAB_SOURCE_DIR;
  size_t read = 0;
  for (const char* top : {"models", "sim", "tracefile", "visualizer", "tests", "fuzz", "bench"})
    for (const auto& entry : fs::recursive_directory_iterator(source / top)) {
      const std::string extension = entry.path().extension().string();
      if (!entry.is_regular_file() || (extension != ".cpp" && extension != ".hpp")) continue;
      ++read;
      std::ifstream in(entry.path());
      std::string line;
      while (std::getline(in, line))
        EXPECT_NE(included(line), "regex>") << fs::relative(entry.path(), source).generic_string();
    }
  EXPECT_GT(read, 300u);
}

TEST(Layering, NoFileIncludesItselfThroughOthers) {
  const auto files = tree_includes();
  // Depth first; a file met again while still on the path closes a cycle, which the message spells out.
  std::map<std::string, int> state;  // absent: not seen; 1: on the path; 2: done
  std::vector<std::string> path;
  std::function<void(const std::string&)> visit = [&](const std::string& file) {
    state[file] = 1;
    path.push_back(file);
    for (const std::string& next : files.at(file)) {
      if (!files.count(next)) continue;
      if (state[next] == 1) {
        std::string cycle;
        for (auto at = std::find(path.begin(), path.end(), next); at != path.end(); ++at) cycle += *at + " -> ";
        ADD_FAILURE() << "include cycle: " << cycle << next;
      } else if (state[next] == 0) {
        visit(next);
      }
    }
    path.pop_back();
    state[file] = 2;
  };
  for (const auto& entry : files)
    if (state[entry.first] == 0) visit(entry.first);
  EXPECT_EQ(state.size(), files.size());
}

}  // namespace

}  // namespace buslab
