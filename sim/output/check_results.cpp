#include "sim/output/check_results.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <fmt/format.h>

#include "models/rpc/oslo_topology.hpp"

namespace buslab {

namespace {

// The parts of a metric path, read by the same rules metric_paths.hpp writes them: the run, then a section,
// then the entity (two segments for clients, `<client>/<service>.<method>`, and queues, `<broker>/<queue>`;
// none for conservation), then the metric. A path with no section is a top-level metric of the run.
struct PathParts {
  std::string run, section, entity, metric;
};

size_t entity_segments(const std::string& section) {
  if (section == "clients" || section == "queues") return 2;
  if (section == "conservation") return 0;
  return 1;
}

PathParts split_path(const std::string& path) {
  std::vector<std::string> segments;
  size_t start = 0;
  for (;;) {
    const size_t slash = path.find('/', start);
    segments.push_back(path.substr(start, slash == std::string::npos ? std::string::npos : slash - start));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  PathParts parts;
  parts.run = segments.front();
  if (segments.size() == 2) {
    parts.metric = segments[1];
    return parts;
  }
  parts.section = segments[1];
  const size_t n = entity_segments(parts.section);
  size_t i = 2;
  for (; i < segments.size() - 1 && i < 2 + n; ++i) parts.entity += (parts.entity.empty() ? "" : "/") + segments[i];
  for (; i < segments.size(); ++i) parts.metric += (parts.metric.empty() ? "" : "/") + segments[i];
  return parts;
}

std::string entity_label(const PathParts& p) {
  MetricPoint point;
  point.section = p.section;
  point.entity = p.entity;
  return point.entity_label();
}

int rank(Verdict v) {
  switch (v) {
    case Verdict::Regression:
      return 0;
    case Verdict::Missing:
      return 1;
    case Verdict::NoInterval:
      return 2;
    case Verdict::Ok:
      return 3;
  }
  return 3;
}

const char* verdict_text(Verdict v) {
  switch (v) {
    case Verdict::Regression:
      return "FAIL";
    case Verdict::Missing:
      return "MISSING";
    case Verdict::NoInterval:
      return "NO CI";
    case Verdict::Ok:
      return "ok";
  }
  return "";
}

bool within(const ExpectedEntry& e, const MetricPoint& got, std::string& note, Verdict& verdict) {
  const double diff = std::fabs(got.value - e.value);
  // Values are written with 6 significant digits (format_expected_value), so they read back up to half a unit of
  // the 6th digit off: never a regression by that alone, even with a tolerance of 0.
  const double slack = 5e-6 * std::max(std::fabs(e.value), std::fabs(got.value));
  switch (e.tolerance.kind) {
    case Tolerance::Kind::Relative:
      return diff <= e.tolerance.amount * std::fabs(e.value) + slack;
    case Tolerance::Kind::Absolute:
      return diff <= e.tolerance.amount + slack;
    case Tolerance::Kind::ConfidenceInterval:
      if (!got.ci_half_width) {
        verdict = Verdict::NoInterval;
        note = "the result has no confidence interval: run with --seeds (2 or more)";
        return false;
      }
      return diff <= *got.ci_half_width + slack;
  }
  return false;
}

std::string change_text(double expected, double got, bool time) {
  if (expected != 0.0) return fmt::format("{:+.1f}%", (got - expected) / std::fabs(expected) * 100.0);
  if (got == expected) return "0";
  return (got > expected ? "+" : "-") + format_expected_value(std::fabs(got - expected), time);
}

std::string got_text(const MetricPoint& got) {
  std::string text = format_expected_value(got.value, got.is_time);
  // The interval's half-width to 3 significant digits: it says how much the mean is luck, not a value to copy.
  if (got.ci_half_width && *got.ci_half_width > 0)
    text += fmt::format(" \xC2\xB1{}",
                        format_expected_value(std::stod(fmt::format("{:.3g}", *got.ci_half_width)), got.is_time));
  return text;
}

// Display width of UTF-8 text (± is two bytes, one column).
size_t columns_of(const std::string& text) {
  size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

std::string pad(const std::string& text, size_t width, bool right) {
  const size_t n = columns_of(text);
  const std::string fill(width > n ? width - n : 0, ' ');
  return right ? fill + text : text + fill;
}

}  // namespace

size_t CheckReport::failures() const {
  return static_cast<size_t>(
      std::count_if(rows.begin(), rows.end(), [](const CheckRow& r) { return r.verdict != Verdict::Ok; }));
}

CheckReport check_results(const ExpectedFile& expected, const std::vector<MetricPoint>& result) {
  std::map<std::string, const MetricPoint*> by_path;
  std::set<std::string> runs, entities;  // entities: "run|section|entity"
  for (const auto& point : result) {
    by_path.emplace(point.path(), &point);
    runs.insert(point.run);
    entities.insert(point.run + "|" + point.section + "|" + point.entity);
  }
  CheckReport report;
  std::set<std::string> named_runs, named_sections, named_entities;
  for (const auto& entry : expected.entries()) {
    const PathParts parts = split_path(entry.path);
    named_runs.insert(parts.run);
    named_sections.insert(parts.run + "|" + parts.section);
    named_entities.insert(parts.run + "|" + parts.section + "|" + parts.entity);
    CheckRow row;
    row.expected = entry;
    const auto found = by_path.find(entry.path);
    if (found == by_path.end()) {
      row.verdict = Verdict::Missing;
      if (!runs.count(parts.run))
        row.note = fmt::format("the result has no run (variant) named \"{}\"", parts.run);
      else if (!entities.count(parts.run + "|" + parts.section + "|" + parts.entity))
        row.note = fmt::format("{} is not in the result", entity_label(parts));
      else
        row.note = fmt::format("{} has no metric \"{}\"", entity_label(parts), parts.metric);
    } else {
      row.got = *found->second;
      if (entry.time_unit && !row.got->is_time)
        row.note = "the expected value has a time unit, the metric is not a time";
      if (!within(entry, *row.got, row.note, row.verdict) && row.verdict == Verdict::Ok)
        row.verdict = Verdict::Regression;
    }
    report.rows.push_back(std::move(row));
  }
  std::stable_sort(report.rows.begin(), report.rows.end(),
                   [](const CheckRow& a, const CheckRow& b) { return rank(a.verdict) < rank(b.verdict); });
  // What the result has beyond EXPECTED: whole runs, and entities of a section EXPECTED checks.
  std::set<std::string> reported;
  const auto values = values_by_path(result);
  for (const auto& point : result) {
    if (!named_runs.count(point.run)) {
      if (reported.insert(point.run).second)
        report.extra.push_back(fmt::format("run \"{}\" is in the result but not in the expected file", point.run));
      continue;
    }
    // Only entities --update would add (a queue nothing used is not news).
    const std::string key = point.run + "|" + point.section + "|" + point.entity;
    if (named_sections.count(point.run + "|" + point.section) && !named_entities.count(key) &&
        is_headline_metric(point, values) && reported.insert(key).second)
      report.extra.push_back(
          fmt::format("{}: {} is in the result but not in the expected file", point.run, point.entity_label()));
  }
  return report;
}

std::string render_check_report(const CheckReport& report) {
  std::map<Verdict, size_t> counts;
  for (const auto& row : report.rows) ++counts[row.verdict];
  std::string out =
      fmt::format("buslab check: {} metric{} checked: {} ok, {} regression{}, {} missing", report.rows.size(),
                  report.rows.size() == 1 ? "" : "s", counts[Verdict::Ok], counts[Verdict::Regression],
                  counts[Verdict::Regression] == 1 ? "" : "s", counts[Verdict::Missing]);
  if (counts[Verdict::NoInterval])
    out += fmt::format(", {} without a confidence interval", counts[Verdict::NoInterval]);
  out += "\n\n";
  std::vector<std::vector<std::string>> cells;
  cells.push_back({"verdict", "metric", "expected", "got", "change", "tolerance"});
  for (const auto& row : report.rows) {
    const bool time = row.got ? row.got->is_time : row.expected.time_unit;
    cells.push_back({verdict_text(row.verdict), row.expected.path, format_expected_value(row.expected.value, time),
                     row.got ? got_text(*row.got) : "-",
                     row.got ? change_text(row.expected.value, row.got->value, time) : "-",
                     row.expected.tolerance.text()});
  }
  std::vector<size_t> widths(cells.front().size(), 0);
  for (const auto& line : cells)
    for (size_t i = 0; i < line.size(); ++i) widths[i] = std::max(widths[i], columns_of(line[i]));
  for (size_t r = 0; r < cells.size(); ++r) {
    std::string line;
    for (size_t i = 0; i < cells[r].size(); ++i) {
      const bool right = i >= 2;  // numbers right-aligned
      line += (i ? "  " : "") + pad(cells[r][i], widths[i], right);
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
    if (r > 0 && !report.rows[r - 1].note.empty()) out += "           " + report.rows[r - 1].note + "\n";
  }
  if (!report.extra.empty()) {
    out += "\nnot checked:\n";
    for (const auto& line : report.extra) out += "  " + line + "\n";
  }
  return out;
}

std::map<std::string, double> values_by_path(const std::vector<MetricPoint>& points) {
  std::map<std::string, double> out;
  for (const auto& p : points) out.emplace(p.path(), p.value);
  return out;
}

bool is_headline_metric(const MetricPoint& point, const std::map<std::string, double>& values) {
  const auto value_of = [&](const std::string& metric) {
    MetricPoint sibling = point;
    sibling.metric = metric;
    const auto found = values.find(sibling.path());
    return found == values.end() ? 0.0 : found->second;
  };
  const std::string& s = point.section;
  const std::string& m = point.metric;
  if (s == "clients") {
    if (m == "sent" || m == "completed" || m == "timed_out" || m == "failed") return true;
    return (m == "latency.mean" || m == "latency.p50" || m == "latency.p99") && value_of("latency.count") > 0;
  }
  if (s == "servers" || s == "consumers") return m == "handled";
  if (s == "publishers") return m == "published";
  // Queues that carried requests (reply queues, one per client instance, are left out, as in the run's table).
  if (s == "queues")
    return (m == "max_depth" || m == "remaining") && value_of("published") > 0 && !oslo::is_reply_queue(point.entity);
  if (s == "conservation") return m == "created" || m == "consumed";
  return false;
}

std::vector<std::string> update_expected(ExpectedFile& expected, const std::vector<MetricPoint>& result) {
  std::vector<std::string> changes;
  std::map<std::string, const MetricPoint*> by_path;
  for (const auto& point : result) by_path.emplace(point.path(), &point);
  std::set<std::string> named_entities;
  const auto& entries = expected.entries();
  for (size_t i = 0; i < entries.size(); ++i) {
    const PathParts parts = split_path(entries[i].path);
    named_entities.insert(parts.run + "|" + parts.section + "|" + parts.entity);
    const auto found = by_path.find(entries[i].path);
    if (found == by_path.end()) {
      expected.remove(i);
      changes.push_back("removed " + entries[i].path + " (not in the result)");
      continue;
    }
    const MetricPoint& got = *found->second;
    if (format_expected_value(got.value, got.is_time) != format_expected_value(entries[i].value, got.is_time))
      changes.push_back(fmt::format("{}: {} -> {}", entries[i].path,
                                    format_expected_value(entries[i].value, got.is_time),
                                    format_expected_value(got.value, got.is_time)));
    expected.set_value(i, got.value, got.is_time);
  }
  const auto values = values_by_path(result);
  for (const auto& point : result) {
    if (named_entities.count(point.run + "|" + point.section + "|" + point.entity)) continue;
    if (!is_headline_metric(point, values)) continue;
    expected.append(point.path(), point.value, point.is_time);
    changes.push_back("added " + point.path());
  }
  return changes;
}

}  // namespace buslab
