#include "models/servicegroup/liveness.hpp"

#include <algorithm>
#include <cmath>

namespace buslab {

double effective_down_time(double service_down_time, double report_interval) {
  if (service_down_time <= report_interval) return std::floor(2.5 * report_interval);
  return service_down_time;
}

bool is_up(double reader_now, double last_heartbeat, double down_time, bool forced_down) {
  if (forced_down) return false;
  return std::fabs(reader_now - last_heartbeat) <= down_time;
}

RowView view_at(const ServiceRow& row, const HostClock& reader, double down_time, double t) {
  RowView v;
  if (!row.created || t < row.created_t) return v;
  v.exists = true;
  const ServiceWrite* w = row.last_write_at(t);
  v.reported = w != nullptr;
  v.updated_at = w ? w->stamp : row.created_stamp;
  v.report_count = 0;
  for (const auto& each : row.writes)
    if (each.t <= t) ++v.report_count;
  v.elapsed = reader.reading(t) - v.updated_at;
  v.up = is_up(reader.reading(t), v.updated_at, down_time, row.forced_down);
  return v;
}

namespace {

// Appends a change when the state differs from the last one.
void note(std::vector<StateChange>& out, double t, bool up) {
  if (!out.empty() && out.back().up == up) return;
  if (!out.empty() && out.back().t == t) {
    out.back().up = up;  // two changes at one instant: the later holds
    if (out.size() >= 2 && out[out.size() - 2].up == up) out.pop_back();
    return;
  }
  out.push_back(StateChange{t, up});
}

}  // namespace

std::vector<StateChange> state_changes(const ServiceRow& row, const HostClock& reader, double down_time, double end) {
  std::vector<StateChange> out;
  if (!row.created || row.created_t > end) return out;
  if (row.forced_down) {
    out.push_back(StateChange{row.created_t, false});
    return out;
  }
  // Between two commits the heartbeat compared is constant: up while the reader's clock is within down_time of
  // it. The clock is linear between NTP steps, so on each piece the up times form one interval.
  const size_t pieces = row.writes.size() + 1;
  for (size_t i = 0; i < pieces; ++i) {
    double a = i == 0 ? row.created_t : row.writes[i - 1].t;
    const double b = i < row.writes.size() ? std::min(row.writes[i].t, end) : end;
    const double u = i == 0 ? row.created_stamp : row.writes[i - 1].stamp;
    if (a > end) break;
    if (a == b) {
      if (i + 1 == pieces) note(out, a, is_up(reader.reading(a), u, down_time, false));
      continue;
    }
    while (a < b) {
      const HostClock::Segment seg = reader.segment_at(a);
      const double z = std::min(seg.end, b);
      // reading(t) in [u - D, u + D]  <=>  t in [lo, hi]
      const double lo = (u - down_time - seg.intercept) / seg.slope;
      const double hi = (u + down_time - seg.intercept) / seg.slope;
      note(out, a, lo <= a && a <= hi);
      if (lo > a && lo < z) note(out, lo, true);
      if (hi >= a && hi < z) note(out, hi, false);
      a = z;
    }
  }
  return out;
}

bool state_at(const std::vector<StateChange>& changes, double t) {
  bool up = false;
  for (const auto& c : changes) {
    if (c.t > t) break;
    up = c.up;
  }
  return up;
}

double longest_up_while_dead(const ServiceRow& row, const std::vector<StateChange>& changes, double end) {
  double longest = 0.0;
  for (double death : row.deaths) {
    if (!state_at(changes, death)) continue;
    double until = end;
    for (double start : row.starts)
      if (start > death) {
        until = std::min(until, start);
        break;
      }
    for (const auto& c : changes)
      if (c.t >= death && !c.up) {
        until = std::min(until, c.t);
        break;
      }
    longest = std::max(longest, until - death);
  }
  return longest;
}

double longest_report_gap(const ServiceRow& row, double end) {
  if (!row.created) return 0.0;
  double last = row.created_t, longest = 0.0;
  for (const auto& w : row.writes) {
    if (w.t > end) break;
    longest = std::max(longest, w.t - last);
    last = w.t;
  }
  // The last gap runs to the end only for a service still alive then: a dead one is not late, it is gone.
  const bool alive_at_end = row.deaths.empty() || (!row.starts.empty() && row.starts.back() > row.deaths.back());
  return alive_at_end ? std::max(longest, end - last) : longest;
}

}  // namespace buslab
