#include "sim/output/report_sections.hpp"

#include <string>
#include <vector>

#include <fmt/format.h>

namespace buslab::run_report {

// --- nova's servicegroup: each service's heartbeats, and what the reader made of them.

namespace {

constexpr size_t kDownSpansShown = 2;  // a service flapping more often: the first two, then how many more

// When a row was shown down, from its `transitions` (one run's; replicated runs have none): "167.0-206.7 s", or
// "from 155.0 s" when it was still down at the end; "" when never.
std::string down_spans(const Json& row) {
  if (!row.contains("transitions") || !row["transitions"].is_array()) return "";
  std::vector<std::string> spans;
  double down_at = -1;
  for (const auto& t : row["transitions"]) {
    const double at = t.at("t_s").get<double>();
    if (t.at("state") == "down" && down_at < 0) down_at = at;
    if (t.at("state") == "up" && down_at >= 0) {
      spans.push_back(fmt::format("{:.1f}-{:.1f} s", down_at, at));
      down_at = -1;
    }
  }
  if (down_at >= 0) spans.push_back(fmt::format("from {:.1f} s", down_at));
  if (spans.empty()) return "";
  std::string text;
  for (size_t i = 0; i < spans.size() && i < kDownSpansShown; ++i) text += (i ? ", " : "") + spans[i];
  if (spans.size() > kDownSpansShown) text += fmt::format(", +{}", spans.size() - kDownSpansShown);
  return " (" + text + ")";
}

}  // namespace

void add_servicegroup(Report& report) {
  const std::vector<std::string> rows = report.names_of("servicegroup");
  if (rows.empty()) return;
  report.table().section("servicegroup (reports sent / late / failed, times shown down (when))");
  for (const auto& row : rows)
    report.row(row, [&](const Json& m) {
      const Json* s = report.named(m, "servicegroup", row);
      if (!s) return std::string("-");
      return fmt::format("{} / {} / {}, {}{}", count_cell(s, "reports_sent"), count_cell(s, "reports_late"),
                         count_cell(s, "reports_failed"), count_cell(s, "went_down"), down_spans(*s));
    });
  const bool deaths = report.any_run([](const Json& m) {
    if (!m.contains("servicegroup")) return false;
    for (const auto& s : m["servicegroup"])
      if (value_of(s.at("deaths")) > 0) return true;
    return false;
  });
  if (!deaths) return;
  report.table().section("servicegroup: longest time a dead service was shown up");
  for (const auto& row : rows) {
    if (!report.any_run([&](const Json& m) {
          const Json* s = report.named(m, "servicegroup", row);
          return s && value_of(s->at("deaths")) > 0;
        }))
      continue;
    report.row(row, [&](const Json& m) {
      const Json* s = report.named(m, "servicegroup", row);
      if (!s || value_of(s->at("deaths")) == 0) return std::string("-");
      return time_text(s->at("longest_up_while_dead_s"));
    });
  }
}

}  // namespace buslab::run_report
