#include "sim/cli/sweep_plan.hpp"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

namespace buslab::cli {

namespace {

using Json = nlohmann::ordered_json;

// At most this many points: a typo in a range (1..1000000) is refused rather than run for a month.
constexpr size_t kMaxPoints = 1000000;

// Splits at the commas that are outside brackets, braces and quotes.
std::vector<std::string> split_values(const std::string& text) {
  std::vector<std::string> out(1);
  int depth = 0;
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '\\' && i + 1 < text.size()) {
        out.back() += c;
        out.back() += text[++i];
        continue;
      }
      if (c == '"') quoted = false;
    } else if (c == '"') {
      quoted = true;
    } else if (c == '[' || c == '{') {
      ++depth;
    } else if (c == ']' || c == '}') {
      --depth;
    } else if (c == ',' && depth == 0) {
      out.emplace_back();
      continue;
    }
    out.back() += c;
  }
  return out;
}

bool whole_number(const std::string& text, long long& value) {
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  return ec == std::errc() && ptr == end;
}

// "1..16" or "10..100:10" into its values; false when `text` is not a range.
bool expand_range(const std::string& option, const std::string& text, std::vector<std::string>& values) {
  const size_t dots = text.find("..");
  if (dots == std::string::npos) return false;
  const size_t colon = text.find(':', dots);
  const std::string first = text.substr(0, dots);
  const std::string last = text.substr(dots + 2, colon == std::string::npos ? std::string::npos : colon - dots - 2);
  const std::string step = colon == std::string::npos ? "1" : text.substr(colon + 1);
  long long a = 0, b = 0, s = 0;
  if (!whole_number(first, a) || !whole_number(last, b) || !whole_number(step, s))
    throw SweepUsageError(fmt::format(
        "{}: expected a range of whole numbers like \"1..16\" or \"10..100:10\", found \"{}\"", option, text));
  if (s <= 0 || b < a)
    throw SweepUsageError(
        fmt::format("{}: expected a range from a first to a last value by a step above 0, found \"{}\"", option, text));
  if (static_cast<unsigned long long>((b - a) / s) >= kMaxPoints)
    throw SweepUsageError(fmt::format("{}: \"{}\" has more than {} values", option, text, kMaxPoints));
  for (long long v = a; v <= b; v += s) values.push_back(std::to_string(v));
  return true;
}

std::pair<std::string, std::string> split_assignment(const std::string& option, const std::string& text,
                                                     const char* expected) {
  const size_t eq = text.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == text.size())
    throw SweepUsageError(fmt::format("{}: expected {}, found \"{}\"", option, expected, text));
  return {text.substr(0, eq), text.substr(eq + 1)};
}

Json strings(const std::vector<std::string>& list) {
  Json out = Json::array();
  for (const auto& s : list) out.push_back(s);
  return out;
}

}  // namespace

SweepParam parse_sweep_param(const std::string& text) {
  const std::string option = "--param " + text;
  const auto [path, list] = split_assignment("--param", text, "PATH=VALUE,VALUE,... (or PATH=FIRST..LAST[:STEP])");
  SweepParam param{path, {}};
  if (!expand_range(option, list, param.values)) param.values = split_values(list);
  for (const auto& v : param.values)
    if (v.empty()) throw SweepUsageError(fmt::format("{}: a value is empty (two commas in a row?)", option));
  std::vector<std::string> sorted = param.values;
  std::sort(sorted.begin(), sorted.end());
  if (const auto twice = std::adjacent_find(sorted.begin(), sorted.end()); twice != sorted.end())
    throw SweepUsageError(fmt::format("{}: the value {} is given twice", option, *twice));
  return param;
}

SweepLink parse_sweep_link(const std::string& text, const std::vector<SweepParam>& params) {
  const auto [target, source] = split_assignment("--link", text,
                                                 "TARGET=SOURCE, e.g. "
                                                 "platform.hosts[2].count=services[0].replicas");
  const auto is_param = [&](const std::string& path) {
    return std::any_of(params.begin(), params.end(), [&](const SweepParam& p) { return p.path == path; });
  };
  if (!is_param(source))
    throw SweepUsageError(fmt::format("--link {}: {} is not a swept parameter (a --param PATH)", text, source));
  if (is_param(target))
    throw SweepUsageError(
        fmt::format("--link {}: {} is swept itself; a linked field follows another, it is not swept", text, target));
  return {target, source};
}

Shard parse_shard(const std::string& text) {
  const size_t slash = text.find('/');
  long long i = 0, n = 0;
  if (slash == std::string::npos || !whole_number(text.substr(0, slash), i) ||
      !whole_number(text.substr(slash + 1), n) || n < 1 || i < 1 || i > n)
    throw SweepUsageError(
        fmt::format("--shard: expected I/N with 1 <= I <= N (the I-th of N slices), found \"{}\"", text));
  return {static_cast<size_t>(i), static_cast<size_t>(n)};
}

size_t SweepDefinition::points() const {
  size_t n = 1;
  for (const auto& p : params) n *= p.values.size();
  return n;
}

std::vector<std::string> SweepDefinition::point_values(size_t point) const {
  std::vector<std::string> values(params.size());
  for (size_t k = params.size(); k-- > 0;) {
    values[k] = params[k].values[point % params[k].values.size()];
    point /= params[k].values.size();
  }
  return values;
}

std::vector<std::string> SweepDefinition::point_overrides(size_t point) const {
  const std::vector<std::string> values = point_values(point);
  std::vector<std::string> out;
  for (size_t k = 0; k < params.size(); ++k) out.push_back(params[k].path + "=" + values[k]);
  for (const auto& link : links)
    for (size_t k = 0; k < params.size(); ++k)
      if (params[k].path == link.source) out.push_back(link.target + "=" + values[k]);
  return out;
}

std::string SweepDefinition::point_label(size_t point) const {
  std::string out;
  for (const auto& o : point_overrides(point)) out += (out.empty() ? "" : " ") + o;
  return out;
}

SweepDefinition::Run SweepDefinition::run(size_t r) const {
  const size_t per_point = variants.size() * seeds.size();
  return {r / per_point, (r % per_point) / seeds.size(), r % seeds.size()};
}

std::string SweepDefinition::run_dir(size_t r) const {
  const Run x = run(r);
  return fmt::format("runs/{}/{}/seed-{}", x.point + 1, variants[x.variant], seeds[x.seed]);
}

Json SweepDefinition::to_json() const {
  Json params_json = Json::array(), links_json = Json::array();
  for (const auto& p : params) params_json.push_back(Json{{"path", p.path}, {"values", strings(p.values)}});
  for (const auto& l : links) links_json.push_back(Json{{"target", l.target}, {"source", l.source}});
  Json doc{{"schema", kSweepSchema},
           {"scenario_file", scenario_file},
           {"scenario_sha256", scenario_sha256},
           {"set", strings(set)},
           {"only_variants", strings(only_variants)},
           {"variants", strings(variants)},
           {"params", params_json},
           {"links", links_json},
           {"seeds", seeds},
           {"points", points()},
           {"runs", runs()}};
  // Said only when not the default, so that a SimGrid sweep's definition is what it was before engines were chosen.
  if (engine != "simgrid") doc["engine"] = engine;
  return doc;
}

SweepDefinition SweepDefinition::from_json(const nlohmann::json& doc, const std::string& source) {
  try {
    if (doc.value("schema", "") != kSweepSchema)
      throw std::runtime_error(fmt::format("expected \"schema\": \"{}\"", kSweepSchema));
    SweepDefinition d;
    d.scenario_file = doc.at("scenario_file").get<std::string>();
    d.scenario_sha256 = doc.at("scenario_sha256").get<std::string>();
    d.set = doc.at("set").get<std::vector<std::string>>();
    d.only_variants = doc.at("only_variants").get<std::vector<std::string>>();
    d.variants = doc.at("variants").get<std::vector<std::string>>();
    for (const auto& p : doc.at("params"))
      d.params.push_back({p.at("path").get<std::string>(), p.at("values").get<std::vector<std::string>>()});
    for (const auto& l : doc.at("links")) d.links.push_back({l.at("target"), l.at("source")});
    d.seeds = doc.at("seeds").get<std::vector<uint64_t>>();
    d.engine = doc.value("engine", std::string("simgrid"));
    if (d.params.empty() || d.variants.empty() || d.seeds.empty())
      throw std::runtime_error("no parameter, variant or seed");
    for (const auto& p : d.params)
      if (p.values.empty()) throw std::runtime_error(p.path + " has no values");
    return d;
  } catch (const std::exception& e) {
    throw std::runtime_error(fmt::format("{}: not a sweep definition: {}", source, e.what()));
  }
}

}  // namespace buslab::cli
