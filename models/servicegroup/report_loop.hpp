#pragma once
// The schedule of a service's heartbeats: nova's servicegroup `join()` runs `_report_state` in a
// FixedIntervalLoopingCall, first INITIAL_REPORTING_DELAY (5 s) after the service starts, then every
// report_interval from the start of the previous report; a report that took longer than the interval is followed
// at once by the next (never two at a time).
#include <algorithm>
#include <cstdint>
#include <string>

namespace buslab {

struct ReportPlan {
  uint32_t row = 0;            // the service's row in the ServiceDatabase
  std::string host;            // where the service runs (its clock stamps direct writes)
  double interval = 10.0;      // report_interval
  double initial_delay = 5.0;  // INITIAL_REPORTING_DELAY
  bool via_conductor = false;  // nova-compute: an RPC call to the conductor, which writes
  double query_time = 0.0;     // direct writers: the DB call's duration before it commits
  double join = 0.0;           // when the service first joins the group (creates its row); restarts join at once
  std::string db_host;         // whose clock stamps the row's created_at: the service's, or its conductor's
};

class ReportLoop {
 public:
  explicit ReportLoop(ReportPlan plan) : plan_(std::move(plan)) {}
  const ReportPlan& plan() const { return plan_; }
  // The service joined at `now`: its first report is due then.
  double first_due(double now) const { return now + plan_.initial_delay; }
  // A report begins at `now`.
  void begin(double now) { started_ = now; }
  double started() const { return started_; }
  // It ended at `now` (written, failed or timed out): when the next one begins.
  double next_due(double now) const { return std::max(started_ + plan_.interval, now); }

 private:
  ReportPlan plan_;
  double started_ = 0.0;
};

}  // namespace buslab
