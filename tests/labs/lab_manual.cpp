// lab-manual: keeps the lab manuals true to what the tool does. For each lab it runs every command of the
// README's ```sh blocks (they must all succeed), runs the lab's scenario, and checks every number the "What you
// should see" paragraph quotes against README.claims (tests/labs/claims.hpp): a number without a claim, or one
// the run does not give, fails. With --update it writes the numbers the runs give into both files instead, so
// that after a change to the models' timings one command brings every manual up to date (then reread the prose).
//
//   build/tests/lab-manual [--update | --list | --screenshots] [LAB...]   (LAB: a folder of labs/; default: all)
//
// Exit codes: 0 every manual true (or updated), 1 a manual is wrong or a command failed, 2 bad usage.
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "tests/labs/chart_points.hpp"
#include "tests/labs/claims.hpp"
#include "tests/labs/readme_numbers.hpp"

namespace {

namespace fs = std::filesystem;
using namespace buslab;
using namespace buslab::labs;

std::string slurp(const fs::path& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path.string() + ": cannot read");
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

struct Context {
  fs::path source, build, tmp;
  bool xvfb = false;
  bool screenshots = false;  // write the manuals' screenshots where they say (--screenshots), not to tmp
};

struct CommandRun {
  std::string shown;    // as the manual writes it
  std::string run;      // as run here
  std::string out_dir;  // where it wrote its outputs ("" when it wrote none)
  bool skipped = false;
};

// `s` with each word (a run of non-blanks) replaced by `f(word)`, the blanks between words kept. (By hand, not
// with <regex>: GCC 12's false -Wmaybe-uninitialized inside <regex> under -fsanitize=address breaks the asan build.)
template <typename F>
std::string map_words(const std::string& s, F f) {
  const auto blank = [](char ch) { return std::isspace(static_cast<unsigned char>(ch)) != 0; };
  std::string out;
  for (size_t i = 0; i < s.size();) {
    if (blank(s[i])) {
      out += s[i++];
      continue;
    }
    size_t end = i;
    while (end < s.size() && !blank(s[end])) ++end;
    out += f(s.substr(i, end - i));
    i = end;
  }
  return out;
}

bool starts_with(const std::string& s, const std::string& prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

// The manual's command with its paths moved: build/ to this build, out/ and screenshots to a temporary folder.
CommandRun rewrite(const std::string& command, int n, const Context& c) {
  CommandRun r;
  r.shown = command;
  bool out_next = false;
  const std::string s = map_words(command, [&](std::string word) {
    if (starts_with(word, "build/")) word = c.build.string() + word.substr(5);
    if (starts_with(word, "out/")) word = (c.tmp / "out").string() + word.substr(3);
    const std::string base = word.substr(word.rfind('/') + 1);  // npos + 1 == 0: the whole word
    if (!c.screenshots && base.size() > 4 && base.compare(base.size() - 4, 4, ".png") == 0)
      word = (c.tmp / fmt::format("shot-{}-", n)).string() + base;
    if (out_next && r.out_dir.empty()) r.out_dir = word;  // the first --out's folder
    out_next = word == "--out";
    return word;
  });
  r.skipped = s.find("xvfb-run") != std::string::npos && !c.xvfb;
  r.run = "cd '" + c.source.string() + "' && BUSLAB_VIZ='" + (c.tmp / "viz-stand-in.sh").string() +
          "' LIBGL_ALWAYS_SOFTWARE=1 timeout 600 " + s;
  return r;
}

int run_shell(const std::string& command, std::string& output) {
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return -1;
  char buffer[4096];
  size_t n = 0;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) output.append(buffer, n);
  const int status = pclose(pipe);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// Every metrics.json a run wrote (one per variant, or the replications' summary), flattened, with what its charts
// show: the time series beside each (tests/labs/chart_points.hpp), or a sweep's summary.
std::vector<MetricPoint> metrics_under(const fs::path& dir) {
  std::vector<MetricPoint> all;
  if (fs::exists(dir / "summary.csv") && fs::exists(dir / "sweep.json")) return sweep_points(dir / "summary.csv");
  std::vector<fs::path> files;
  if (fs::exists(dir / "metrics.json")) files.push_back(dir / "metrics.json");
  if (fs::is_directory(dir))
    for (const auto& e : fs::directory_iterator(dir))
      if (fs::exists(e.path() / "metrics.json")) files.push_back(e.path() / "metrics.json");
  std::sort(files.begin(), files.end());
  for (const auto& f : files) {
    const auto metrics = nlohmann::ordered_json::parse(slurp(f));
    const auto points = flatten_metrics(metrics);
    all.insert(all.end(), points.begin(), points.end());
    if (fs::exists(f.parent_path() / "timeseries.csv")) {
      const auto series = timeseries_points(run_name_of(metrics), f.parent_path() / "timeseries.csv");
      all.insert(all.end(), series.begin(), series.end());
    }
  }
  return all;
}

// Runs the manual's commands in order (every one must succeed) and the lab's scenario, the claims' default source.
std::vector<CommandRun> run_commands(const std::string& name, const Readme& readme, const Context& c,
                                     std::vector<std::string>& problems) {
  std::ofstream(c.tmp / "viz-stand-in.sh")
      << "#!/bin/sh\n# buslab run --viz hands its traces here: each must exist.\n"
         "for t in \"$@\"; do [ -f \"$t\" ] || { echo \"no trace $t\" >&2; exit 1; }; done\n";
  fs::permissions(c.tmp / "viz-stand-in.sh", fs::perms::owner_all);
  std::vector<CommandRun> runs;
  for (size_t k = 0; k < readme.commands.size(); ++k) {
    CommandRun r = rewrite(readme.commands[k], static_cast<int>(k + 1), c);
    if (r.skipped) {
      std::cout << fmt::format("  [{}] skipped (no xvfb-run): {}\n", k + 1, r.shown);
    } else {
      std::string output;
      const int code = run_shell(r.run, output);
      std::cout << fmt::format("  [{}] exit {}: {}\n", k + 1, code, r.shown);
      if (code != 0)
        problems.push_back(fmt::format("command {} exits {}: {}\n{}", k + 1, code, r.shown, output.substr(0, 2000)));
    }
    runs.push_back(r);
  }
  std::string output;
  const std::string base_run =
      fmt::format("cd '{}' && '{}' run 'labs/{}/scenario.json' --no-timing --out '{}'", c.source.string(),
                  (c.build / "buslab").string(), name, (c.tmp / "base").string());
  if (run_shell(base_run, output) != 0) problems.push_back("the lab's scenario does not run:\n" + output);
  return runs;
}

// The metrics claims read: source 0 the lab's run, N the outputs of command N; read once each.
class Sources {
 public:
  Sources(const Context& c, const std::vector<CommandRun>& runs) : c_(c), runs_(runs) {}
  const std::vector<MetricPoint>& operator()(int source) {
    auto it = cache_.find(source);
    if (it != cache_.end()) return it->second;
    fs::path where = c_.tmp / "base";
    if (source > 0) {
      if (source > static_cast<int>(runs_.size()))
        throw std::runtime_error(fmt::format("@{}: the manual has {} commands", source, runs_.size()));
      const CommandRun& r = runs_[static_cast<size_t>(source - 1)];
      if (r.out_dir.empty())
        throw std::runtime_error(fmt::format("@{}: command {} writes no outputs (give it --out)", source, source));
      where = r.out_dir;
    }
    return cache_[source] = metrics_under(where);
  }

 private:
  const Context& c_;
  const std::vector<CommandRun>& runs_;
  std::map<int, std::vector<MetricPoint>> cache_;
};

// The number a claim says, as the manual writes it.
std::string claimed(const Claim& claim, const std::string& quoted, const MetricSource& metrics) {
  double written = 0;
  const NumberFormat format = parse_number(quoted, written);
  double value = evaluate(claim.expr, metrics);
  if (claim.round_to > 0) {
    const double f = unit_factor(format.unit.empty() ? claim.unit : format.unit);
    value = std::round(value * f / claim.round_to) * claim.round_to / f;
  }
  return format_number(value, format, claim.unit);
}

// Number by number, in the paragraph's order: problems, or (update) the new texts by README offset.
std::vector<std::pair<size_t, std::string>> check_numbers(const Readme& readme, std::vector<Claim>& claims,
                                                          const MetricSource& metrics, bool update,
                                                          std::vector<std::string>& problems) {
  std::vector<std::pair<size_t, std::string>> rewrites;
  const size_t n = std::min(claims.size(), readme.numbers.size());
  for (size_t k = 0; k < n; ++k) {
    Claim& claim = claims[k];
    const QuotedNumber& quoted = readme.numbers[k];
    const std::string where = fmt::format("README.claims:{}", claim.line);
    if (claim.text != quoted.text) {
      problems.push_back(
          fmt::format("number {} of What you should see is \"{}\", but {} says \"{}\" (claims go in "
                      "the paragraph's order)",
                      k + 1, quoted.text, where, claim.text));
      continue;
    }
    if (claim.given) continue;
    try {
      const std::string got = claimed(claim, quoted.text, metrics);
      if (got == quoted.text) continue;
      if (!update) {
        problems.push_back(fmt::format("What you should see quotes {}; the run gives {} ({}: {})", quoted.text, got,
                                       where, claim.expr));
        continue;
      }
      std::cout << fmt::format("  {} -> {}   ({})\n", quoted.text, got, claim.expr);
      rewrites.emplace_back(quoted.offset, got);
      claim.text = got;
    } catch (const std::exception& e) {
      problems.push_back(fmt::format("{}: {}", where, e.what()));
    }
  }
  for (size_t k = n; k < readme.numbers.size(); ++k)
    problems.push_back(
        fmt::format("What you should see quotes {} with no line in README.claims saying where it "
                    "comes from (\"{} = PATH\", or \"= given\" for a setting)",
                    readme.numbers[k].text, readme.numbers[k].text));
  for (size_t k = n; k < claims.size(); ++k)
    problems.push_back(
        fmt::format("README.claims:{}: \"{}\" is not quoted by What you should see", claims[k].line, claims[k].text));
  return rewrites;
}

// Writes the new numbers into README.md (by offset, last first) and README.claims (comments and order kept).
void write_updates(const fs::path& dir, const std::string& readme_text, const Readme& readme,
                   std::vector<std::pair<size_t, std::string>> rewrites, const std::vector<Claim>& claims) {
  std::string text = readme_text;
  std::sort(rewrites.rbegin(), rewrites.rend());
  for (const auto& [offset, got] : rewrites) {
    const auto it = std::find_if(readme.numbers.begin(), readme.numbers.end(),
                                 [&, at = offset](const auto& q) { return q.offset == at; });
    text.replace(offset, it->text.size(), got);
  }
  std::ofstream(dir / "README.md") << text;
  std::istringstream in(slurp(dir / "README.claims"));
  std::string out;
  int line_no = 0;
  size_t next = 0;
  for (std::string line; std::getline(in, line);) {
    ++line_no;
    if (next < claims.size() && claims[next].line == line_no) {
      line = claims[next].text + line.substr(line.find(" = "));
      ++next;
    }
    out += line + "\n";
  }
  std::ofstream(dir / "README.claims") << out;
  std::cout << fmt::format(
      "  updated {}/README.md and README.claims: reread the paragraph, its words may need to "
      "follow its numbers\n",
      dir.string());
}

// For whoever writes claims: the numbers the paragraph quotes, and the metrics the lab's run has.
void list(const Readme& readme, Sources& sources) {
  std::cout << "  quoted by What you should see, in order:";
  for (const auto& q : readme.numbers) std::cout << "  " << q.text;
  std::cout << "\n  metrics of the lab's run:\n";
  for (const MetricPoint& p : sources(0)) std::cout << fmt::format("    {} = {}\n", p.path(), p.value);
}

// Checks one lab (or updates it, or lists it); prints what is wrong and returns whether it is all true.
bool lab(const std::string& name, const std::string& mode, const Context& c) {
  const fs::path dir = c.source / "labs" / name;
  const std::string readme_text = slurp(dir / "README.md");
  const Readme readme = parse_readme(readme_text);
  std::vector<std::string> problems;
  const bool listing = mode == "list" || mode == "screenshots";
  if (!listing && !fs::exists(dir / "README.claims"))
    throw std::runtime_error((dir / "README.claims").string() +
                             " is missing: each number of \"What you should see\" says there where it comes from");
  std::vector<Claim> claims =
      listing ? std::vector<Claim>{} : parse_claims(slurp(dir / "README.claims"), (dir / "README.claims").string());
  const std::vector<CommandRun> runs = run_commands(name, readme, c, problems);
  if (mode == "screenshots") {
    for (const auto& p : problems) std::cout << fmt::format("labs/{}: {}\n", name, p);
    return problems.empty();
  }
  Sources sources(c, runs);
  const MetricSource metrics = [&](int source) -> const std::vector<MetricPoint>& { return sources(source); };
  if (listing) {
    list(readme, sources);
    return problems.empty();
  }
  const auto rewrites = check_numbers(readme, claims, metrics, mode == "update", problems);
  if (!rewrites.empty()) write_updates(dir, readme_text, readme, rewrites, claims);
  for (const auto& p : problems) std::cout << fmt::format("labs/{}: {}\n", name, p);
  return problems.empty();
}

}  // namespace

int main(int argc, char** argv) {
  Context c;
  c.source = BUSLAB_SOURCE_DIR;
  c.build = BUSLAB_BUILD_DIR;
  std::string mode = "check";
  std::vector<std::string> labs;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--update" || a == "--list" || a == "--screenshots") {
      mode = a.substr(2);
      c.screenshots = mode == "screenshots";
    } else if (a == "--help" || a == "-h") {
      std::cout << "usage: lab-manual [--update | --list | --screenshots] [LAB...]\n"
                   "Runs every command of each lab manual and checks the numbers its \"What you should see\" quotes\n"
                   "against the runs (labs/NN/README.claims says where each comes from); --update writes the\n"
                   "numbers the runs give into README.md and README.claims instead; --list prints the quoted\n"
                   "numbers and the metrics of the lab's run, to write claims with; --screenshots runs the\n"
                   "commands as written, so that the screenshots they make land in the repository.\n";
      return 0;
    } else if (!a.empty() && a[0] == '-') {
      std::cerr << "lab-manual: unknown option " << a << "\n";
      return 2;
    } else {
      labs.push_back(fs::path(a).filename().string());
    }
  }
  if (labs.empty())
    for (const auto& e : fs::directory_iterator(c.source / "labs"))
      if (fs::exists(e.path() / "README.claims") || fs::exists(e.path() / "scenario.json"))
        labs.push_back(e.path().filename().string());
  std::sort(labs.begin(), labs.end());
  c.xvfb = std::system("command -v xvfb-run > /dev/null 2>&1") == 0;
  bool ok = true;
  for (const auto& name : labs) {
    if (!fs::exists(c.source / "labs" / name / "README.md")) {
      std::cerr << "lab-manual: no lab labs/" << name << "\n";
      return 2;
    }
    std::string pattern = (fs::temp_directory_path() / ("buslab-lab-manual-" + name + "-XXXXXX")).string();
    if (!mkdtemp(pattern.data())) {
      std::cerr << "lab-manual: cannot create a temporary directory\n";
      return 1;
    }
    Context own = c;
    own.tmp = pattern;
    std::cout << "labs/" << name << "\n";
    try {
      ok = lab(name, mode, own) && ok;
    } catch (const std::exception& e) {
      std::cout << fmt::format("labs/{}: {}\n", name, e.what());
      ok = false;
    }
    std::error_code ignored;
    fs::remove_all(own.tmp, ignored);
  }
  return ok ? 0 : 1;
}
