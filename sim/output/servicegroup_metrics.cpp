#include "sim/output/servicegroup_metrics.hpp"

#include <cmath>

#include <fmt/format.h>

#include "models/servicegroup/liveness.hpp"
#include "sim/scenario/wall_time.hpp"

namespace buslab {

namespace {

using Json = nlohmann::ordered_json;

double down_time_of(const ServiceGroupSpec& group) {
  return effective_down_time(group.service_down_time, group.report_interval);
}

std::string row_name(const ServiceRow& row) {
  return row.binary + "@" + row.host;
}

}  // namespace

std::string observed_name(double t) {
  return fmt::format("{:g}s", t);
}

Json servicegroup_json(const Scenario& scenario, const World& world, double end) {
  const ServiceGroupSpec& group = scenario.servicegroup;
  const HostClock& reader = world.clocks.of(group.reader);
  const double down_time = down_time_of(group);
  Json rows = Json::array();
  for (const ServiceRow& row : world.service_database.rows()) {
    const std::vector<StateChange> changes = state_changes(row, reader, down_time, end);
    Json transitions = Json::array();
    uint64_t went_down = 0, came_up = 0;
    for (size_t i = 0; i < changes.size(); ++i) {
      transitions.push_back(Json{{"t_s", changes[i].t}, {"state", changes[i].up ? "up" : "down"}});
      if (i == 0) continue;
      ++(changes[i].up ? came_up : went_down);
    }
    Json observed = Json::object();
    for (double t : group.observe) {
      const RowView v = view_at(row, reader, down_time, t);
      if (!v.exists) continue;
      observed[observed_name(t)] = Json{{"elapsed_s", v.elapsed}, {"up", v.up ? 1 : 0}};
    }
    rows.push_back(Json{{"name", row_name(row)},
                        {"binary", row.binary},
                        {"host", row.host},
                        {"zone", row.zone},
                        {"status", row.disabled ? "disabled" : "enabled"},
                        {"reports_sent", row.reports_sent},
                        {"reports_written", row.writes.size()},
                        {"reports_late", row.reports_late},
                        {"reports_failed", row.reports_failed},
                        {"longest_report_gap_s", longest_report_gap(row, end)},
                        {"went_down", went_down},
                        {"came_up", came_up},
                        {"deaths", row.deaths.size()},
                        {"longest_up_while_dead_s", longest_up_while_dead(row, changes, end)},
                        {"up_at_end", state_at(changes, end) ? 1 : 0},
                        {"transitions", transitions},
                        {"observed", observed}});
  }
  return rows;
}

Json service_lists_json(const Scenario& scenario, const World& world) {
  const ServiceGroupSpec& group = scenario.servicegroup;
  const HostClock& reader = world.clocks.of(group.reader);
  const double down_time = down_time_of(group);
  Json lists = Json::array();
  for (double t : group.observe) {
    Json rows = Json::array();
    for (const ServiceRow& row : world.service_database.rows()) {
      const RowView v = view_at(row, reader, down_time, t);
      if (!v.exists) continue;
      rows.push_back(Json{{"binary", row.binary},
                          {"host", row.host},
                          {"zone", row.zone},
                          {"status", row.disabled ? "disabled" : "enabled"},
                          {"state", v.up ? ":-)" : "XXX"},
                          {"updated_at", wall_time_text(group.epoch_seconds + v.updated_at)},
                          {"elapsed_s", v.elapsed},
                          {"report_count", v.report_count}});
    }
    // The reader's "now" to the hundredth, as nova's debug log shows it.
    const auto hundredths = std::llround((group.epoch_seconds + reader.reading(t)) * 100.0);
    lists.push_back(Json{{"name", observed_name(t)},
                         {"at_s", t},
                         {"reader", group.reader},
                         {"reader_now", fmt::format("{}.{:02}", wall_time_text(static_cast<double>(hundredths / 100)),
                                                    hundredths % 100)},
                         {"service_down_time_s", down_time},
                         {"rows", rows}});
  }
  return lists;
}

}  // namespace buslab
