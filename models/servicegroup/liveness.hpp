#pragma once
// What nova's servicegroup DB driver concludes from a row (docs/semantics.md 3.1), as read on one host:
// `elapsed = reader's now - updated_at` (created_at before the first report), up while |elapsed| <=
// service_down_time, always down when forced_down. Plain functions of the row, the reader's clock and true time,
// so that the service list at any instant and every up/down transition of a run come out exactly, after it.
#include <vector>

#include "models/core/host_clock.hpp"
#include "models/servicegroup/service_db.hpp"

namespace buslab {

// nova's servicegroup API: a service_down_time not above report_interval is raised to int(2.5 * report_interval)
// (with a warning), else a service would be down between two reports.
double effective_down_time(double service_down_time, double report_interval);

// nova's is_up, for a reader whose clock reads `reader_now`.
bool is_up(double reader_now, double last_heartbeat, double down_time, bool forced_down);

// One row as a reader on a host sees it at true time t.
struct RowView {
  bool exists = false;      // the service had started by t
  bool reported = false;    // a report had committed by t (else the heartbeat is created_at)
  double updated_at = 0.0;  // the heartbeat compared: updated_at, or created_at
  double elapsed = 0.0;     // reader's now - updated_at, seconds
  bool up = false;
  uint64_t report_count = 0;
};
RowView view_at(const ServiceRow& row, const HostClock& reader, double down_time, double t);

struct StateChange {
  double t = 0.0;  // true time
  bool up = false;
};
// The row's state as `reader` sees it, from its creation to true time `end`: its state at creation, then each
// change, in time order.
std::vector<StateChange> state_changes(const ServiceRow& row, const HostClock& reader, double down_time, double end);

// The state at true time t given `changes` (state_changes' output); false before the first.
bool state_at(const std::vector<StateChange>& changes, double t);

// For each death of the service, how long the reader still showed it up: from the death to the first change to
// down, or to its restart, or to `end`, whichever is first. The longest over its deaths; 0 without any.
double longest_up_while_dead(const ServiceRow& row, const std::vector<StateChange>& changes, double end);

// The longest time between two commits of the row's heartbeats (the first counted from its creation); the last
// gap runs to `end` when the service is alive then.
double longest_report_gap(const ServiceRow& row, double end);

}  // namespace buslab
