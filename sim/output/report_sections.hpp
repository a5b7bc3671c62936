#pragma once
// The sections of the table `buslab run` prints (report_table.hpp), each adding its rows when some run has
// something to show in them, in the order the table shows them.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/output/report_columns.hpp"
#include "sim/scenario/scenario.hpp"

namespace buslab::run_report {

// clients: one block per client group and method (report_clients.cpp).
void add_clients(Report& report);
// servers: requests handled and utilisation of every replica, then the load balance (report_servers.cpp).
void add_servers(Report& report);
// every method called, nested calls included, each apart; root calls' whole trees end to end (report_methods.cpp).
void add_methods(Report& report);
// AMQP publisher `name`, then the consumers (report_amqp.cpp).
void add_publisher(Report& report, const std::string& name);
void add_consumers(Report& report);
// the broker side: queues that carried messages, then each broker something happened to (report_broker.cpp).
void add_queues(Report& report);
void add_brokers(Report& report);
// nova's servicegroup: each service's heartbeats and what the reader made of them (report_servicegroup.cpp).
void add_servicegroup(Report& report);
// totals: every message accounted for, then simulated (and wall-clock) time (report_totals.cpp).
void add_messages(Report& report);
void add_times(Report& report, bool wall_clock);

// The lines above the table: the scenario, its seed(s), what ran, what each variant changes, the faults a seeded
// nemesis drew and the cost profile the times come from (report_header.cpp).
std::string report_header(const std::vector<Scenario>& scenarios, size_t runs, const std::vector<uint64_t>& seeds);

}  // namespace buslab::run_report
