#pragma once
// nova's `services` table as the servicegroup DB driver uses it (docs/semantics.md 3.1): one row per (binary,
// host), created when the service first starts, whose `updated_at` and `report_count` each heartbeat updates.
// A write is stamped with the clock of the host that runs the DB call (the service itself, or for nova-compute the
// conductor that handles its `object_action`), and stored to the column's precision (whole seconds: MySQL's
// DATETIME). Rows also keep what the run's outputs need: every write, when the service died and started again,
// and its reports sent, failed and late.
#include <cstdint>
#include <string>
#include <vector>

#include "models/core/ids.hpp"

namespace buslab {

struct ServiceWrite {
  double t = 0.0;        // true time the write committed (readers see it from then on)
  double stamp = 0.0;    // updated_at: the writer's clock, truncated to the column's precision
  double sent_at = 0.0;  // true time the service began this report
};

struct ServiceRow {
  uint32_t id = 0;  // 1-based, in creation order (nova-manage lists rows by id)
  std::string binary;
  std::string host;
  std::string zone;
  bool disabled = false;
  bool forced_down = false;
  bool created = false;
  LaneId lane = kNoLane;       // the trace lane of the process that reports for it (its heartbeats are marked there)
  double created_t = 0.0;      // true time of the first start
  double created_stamp = 0.0;  // created_at, on the creator's clock
  uint64_t report_count = 0;
  std::vector<ServiceWrite> writes;  // in commit order
  std::vector<double> starts;        // true times the service (re)started
  std::vector<double> deaths;        // true times it died
  uint64_t reports_sent = 0;
  uint64_t reports_failed = 0;  // the report call timed out or failed (nova logs it and carries on)
  uint64_t reports_late = 0;    // committed more than report_interval after it was begun

  // The last write committed at or before true time t, or nullptr.
  const ServiceWrite* last_write_at(double t) const;
};

class ServiceDatabase {
 public:
  // `precision`: the updated_at column's resolution in seconds (1: DATETIME; 0: exact). `report_interval`: a
  // report committed later than this after it began is late.
  void configure(double precision, double report_interval);

  // The row of (binary, host), added if there is none; returns its id.
  uint32_t add(const std::string& binary, const std::string& host, const std::string& zone, bool disabled,
               bool forced_down);
  const std::vector<ServiceRow>& rows() const { return rows_; }
  const ServiceRow& row(uint32_t id) const { return rows_.at(id - 1); }

  // The service started at true time t; the first start creates its record, created_at stamped `stamp`.
  void started(uint32_t id, double t, double stamp);
  void died(uint32_t id, double t);
  void set_lane(uint32_t id, LaneId lane) { rows_.at(id - 1).lane = lane; }
  void report_sent(uint32_t id) { ++rows_.at(id - 1).reports_sent; }
  void report_failed(uint32_t id) { ++rows_.at(id - 1).reports_failed; }
  // A report begun at `sent_at` commits at true time t, the writer's clock reading `stamp`.
  void write(uint32_t id, double t, double stamp, double sent_at);
  // `stamp` as the column stores it.
  double stored(double stamp) const;

 private:
  std::vector<ServiceRow> rows_;
  double precision_ = 1.0;
  double report_interval_ = 10.0;
};

}  // namespace buslab
