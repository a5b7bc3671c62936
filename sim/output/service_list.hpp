#pragma once
// The `nova-manage service list` tables of a run, printed after the side-by-side table from its metrics.json's
// `service_lists` (sim/output/servicegroup_metrics.hpp): Binary, Host, Zone, Status, State, Updated_At as
// nova-manage prints them, and each row's `elapsed` as the DB driver's debug log gives it.
#include <string>

#include <nlohmann/json.hpp>

namespace buslab {

// "" when the run observed none (or is a replication summary: lists are one seed's).
std::string service_lists_text(const std::string& run, const nlohmann::ordered_json& metrics);

}  // namespace buslab
