#pragma once
// A nova heartbeat committed to the services table (docs/servicegroup.md): the row is stamped with the clock of the
// host that runs the write (the service itself, or for nova-compute the conductor), and the trace marks it on the
// lane of the service it reports for, with the stamp as stored, so that the viewer shows when each heartbeat landed
// and what it said, in true time or on each host's clock.
#include <cstdint>
#include <string>

#include "models/core/ids.hpp"
#include "models/world/world.hpp"

namespace buslab {

// The report of `row`, begun at true time `sent_at`, commits at `now` on `writer_host`; `call` is the
// object_action call that carried it (0 for a direct write).
void commit_report(World& world, uint32_t row, const std::string& writer_host, double now, double sent_at,
                   CallId call = 0);

}  // namespace buslab
