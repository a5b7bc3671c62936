#include "models/world/service_report.hpp"

namespace buslab {

void commit_report(World& world, uint32_t row, const std::string& writer_host, double now, double sent_at,
                   CallId call) {
  ServiceDatabase& db = world.service_database;
  db.write(row, now, world.clocks.reading(writer_host, now), sent_at);
  const ServiceRow& r = db.row(row);
  if (r.lane != kNoLane) world.trace.event(now, r.lane, EventType::Report, r.writes.back().stamp, call);
}

}  // namespace buslab
