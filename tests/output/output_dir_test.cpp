// The --out directory, made ready before a run: refused at once when unusable, cleaned of earlier outputs only.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "sim/output/output_dir.hpp"
#include "tests/support/temp_dir.hpp"
#include "tracefile/atomic_file.hpp"

namespace buslab {
namespace {

namespace fs = std::filesystem;

constexpr const char* kMetrics = "{\n  \"schema\": \"buslab-metrics/1\",\n  \"scenario\": \"x\"\n}\n";
constexpr const char* kTrace = "{\"format\":\"buslab-trace\",\"version\":1,\"scenario\":\"x\"}\n";

class OutputDir : public ::testing::Test {
 protected:
  std::string at(const std::string& relative) const { return root_.file(relative); }
  void put(const std::string& relative, const std::string& text) const {
    fs::create_directories(fs::path(at(relative)).parent_path());
    std::ofstream(at(relative)) << text;
  }
  std::string refusal(const OutputPlan& plan) const {
    try {
      prepare_output(plan);
    } catch (const tracefile::OutputError& e) {
      return e.what();
    }
    return "accepted";
  }

  const testing::TempDir root_{"outdir"};
};

TEST_F(OutputDir, MissingDirectoriesAreCreated) {
  OutputPlan plan{at("out"), {at("out/direct"), at("out/brokered")}, true};
  EXPECT_TRUE(prepare_output(plan).removed.empty());
  EXPECT_TRUE(fs::is_directory(at("out/direct")));
  EXPECT_TRUE(fs::is_directory(at("out/brokered")));
  EXPECT_TRUE(fs::is_empty(at("out/direct")));  // the probe file is gone
}

TEST_F(OutputDir, AFileOrAPathThroughAFileIsRefused) {
  put("file", "x");
  EXPECT_EQ(refusal({at("file"), {at("file")}, true}),
            at("file") + ": cannot write the outputs there: it is a file, not a directory");
  EXPECT_EQ(refusal({at("file/out"), {at("file/out")}, true}),
            at("file/out") + ": cannot write the outputs there: Not a directory");
  EXPECT_EQ(refusal({"", {""}, true}), "--out: cannot write the outputs there: an empty directory name");
}

// Root passes permission bits, so a read-only place is one where the kernel refuses whoever asks.
TEST_F(OutputDir, ADirectoryWhereNoFileCanBeCreatedIsRefused) {
  if (!fs::is_directory("/proc/self")) GTEST_SKIP() << "no /proc";
  EXPECT_NE(refusal({"/proc/self", {"/proc/self"}, true}).find("/proc/self: cannot write the outputs there: "),
            std::string::npos);
}

TEST_F(OutputDir, EarlierOutputsGoAndOnlyThoseThisRunDoesNotRewriteAreReported) {
  put("out/direct/metrics.json", kMetrics);
  put("out/direct/trace.json", kTrace);
  put("out/gone/metrics.json", kMetrics);  // a variant the scenario no longer has
  put("out/metrics.json", kMetrics);       // a run without variants
  OutputPlan plan{at("out"), {at("out/direct")}, false};
  const PreparedOutput prepared = prepare_output(plan);
  EXPECT_EQ(prepared.removed, (std::vector<std::string>{at("out/metrics.json"), at("out/direct/trace.json"),
                                                        at("out/gone/metrics.json")}));
  EXPECT_FALSE(fs::exists(at("out/direct/metrics.json")));  // rewritten by this run: gone until then
  EXPECT_FALSE(fs::exists(at("out/direct/trace.json")));
  EXPECT_FALSE(fs::exists(at("out/gone")));  // left empty
  EXPECT_FALSE(fs::exists(at("out/metrics.json")));
}

TEST_F(OutputDir, FilesThatAreNotBuslabOutputsAreLeftAlone) {
  put("out/metrics.json", "{\"mine\": true}\n");
  put("out/notes/trace.json", "[1, 2, 3]\n");
  put("out/old/trace.json", kTrace);
  put("out/old/README", "kept\n");
  OutputPlan plan{at("out"), {at("out/new")}, true};
  EXPECT_EQ(prepare_output(plan).removed, std::vector<std::string>{at("out/old/trace.json")});
  EXPECT_TRUE(fs::exists(at("out/metrics.json")));
  EXPECT_TRUE(fs::exists(at("out/notes/trace.json")));
  EXPECT_TRUE(fs::exists(at("out/old/README")));  // so the directory stays
}

TEST_F(OutputDir, OutputsAreRecognisedByTheirFirstBytes) {
  put("m.json", kMetrics);
  put("t.json", kTrace);
  put("other.json", "{\"schema\": \"something-else/1\"}");
  EXPECT_TRUE(is_buslab_output(at("m.json")));
  EXPECT_TRUE(is_buslab_output(at("t.json")));
  EXPECT_FALSE(is_buslab_output(at("other.json")));
  EXPECT_FALSE(is_buslab_output(at("missing.json")));
}

}  // namespace
}  // namespace buslab
