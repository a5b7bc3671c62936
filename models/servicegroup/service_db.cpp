#include "models/servicegroup/service_db.hpp"

#include <algorithm>
#include <cmath>

namespace buslab {

const ServiceWrite* ServiceRow::last_write_at(double t) const {
  const auto after =
      std::upper_bound(writes.begin(), writes.end(), t, [](double time, const ServiceWrite& w) { return time < w.t; });
  return after == writes.begin() ? nullptr : &*(after - 1);
}

void ServiceDatabase::configure(double precision, double report_interval) {
  precision_ = precision;
  report_interval_ = report_interval;
}

uint32_t ServiceDatabase::add(const std::string& binary, const std::string& host, const std::string& zone,
                              bool disabled, bool forced_down) {
  for (const auto& r : rows_)
    if (r.binary == binary && r.host == host) return r.id;
  ServiceRow r;
  r.id = static_cast<uint32_t>(rows_.size() + 1);
  r.binary = binary;
  r.host = host;
  r.zone = zone;
  r.disabled = disabled;
  r.forced_down = forced_down;
  rows_.push_back(std::move(r));
  return rows_.back().id;
}

double ServiceDatabase::stored(double stamp) const {
  return precision_ > 0 ? std::floor(stamp / precision_) * precision_ : stamp;
}

void ServiceDatabase::started(uint32_t id, double t, double stamp) {
  ServiceRow& r = rows_.at(id - 1);
  r.starts.push_back(t);
  if (r.created) return;
  r.created = true;
  r.created_t = t;
  r.created_stamp = stored(stamp);
}

void ServiceDatabase::died(uint32_t id, double t) {
  rows_.at(id - 1).deaths.push_back(t);
}

void ServiceDatabase::write(uint32_t id, double t, double stamp, double sent_at) {
  ServiceRow& r = rows_.at(id - 1);
  r.writes.push_back(ServiceWrite{t, stored(stamp), sent_at});
  ++r.report_count;
  if (t - sent_at > report_interval_) ++r.reports_late;
}

}  // namespace buslab
