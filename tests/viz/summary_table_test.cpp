// The side panel's summary rows: the CLI's sections and words, a column per run, rows of zeros left out, "-" where
// a run has no such thing; and the section header's headline.
#include <gtest/gtest.h>

#include "visualizer/summary_table.hpp"

namespace buslab::viz {
namespace {

using tracefile::RunSummary;

const SummaryRow* find_row(const std::vector<SummaryRow>& rows, const std::string& label, size_t after = 0) {
  for (size_t i = after; i < rows.size(); ++i)
    if (rows[i].label == label) return &rows[i];
  return nullptr;
}

RunSummary rpc_run() {
  RunSummary r;
  tracefile::ClientMethodSummary c;
  c.group = "api";
  c.method = "add";
  c.instances = 2;
  c.sent = 10;
  c.completed = 8;
  c.timed_out = 2;
  c.latency = tracefile::latency_stats({0.004, 0.0125, 1.5});
  r.clients.push_back(c);
  r.servers.push_back({5, "compute-1", "compute", 8, 0});
  r.calls = 10, r.calls_ok = 8, r.timeouts = 2, r.call_latency = c.latency;
  return r;
}

RunSummary amqp_run() {
  RunSummary r;
  r.publishers.push_back({"producer", 1, 1490, 1490, 0, 0});
  tracefile::ConsumerSummary c;
  c.name = "worker-1";
  c.queue = "work";
  c.handled = 1398;
  c.latency = tracefile::latency_stats({6.371, 7.649});
  r.consumers.push_back(c);
  r.worst_consumer_p50 = c.latency.p50;
  r.worst_consumer_p99 = c.latency.p99;
  r.conservation = {
      {"created", 1500},         {"consumed", 1398},  {"dropped.refused", 0},     {"expired", 0},
      {"lost.process_crash", 0}, {"lost.network", 0}, {"lost.broker_crash", 102}, {"remaining.queued", 0}};
  return r;
}

TEST(SummaryTable, SpeaksTheCliTablesWords) {
  const RunSummary rpc = rpc_run();
  const auto rows = summary_rows({&rpc});
  ASSERT_FALSE(rows.empty());
  EXPECT_TRUE(rows[0].section);
  EXPECT_EQ(rows[0].label, "client api: calling add");
  EXPECT_EQ(find_row(rows, "sent")->cells, std::vector<std::string>{"10"});
  EXPECT_EQ(find_row(rows, "timed out")->cells, std::vector<std::string>{"2"});
  EXPECT_EQ(find_row(rows, "failed"), nullptr);  // zero in every run: left out, as the CLI does
  EXPECT_EQ(find_row(rows, "latency p50")->cells, std::vector<std::string>{"12.50 ms"});
  EXPECT_EQ(find_row(rows, "latency max")->cells, std::vector<std::string>{"1.500 s"});
  EXPECT_EQ(find_row(rows, "compute-1")->cells, std::vector<std::string>{"8"});
  EXPECT_EQ(find_row(rows, "messages"), nullptr);  // an older trace has no ledger
}

TEST(SummaryTable, ComparesAnRpcRunWithAnAmqpRun) {
  const RunSummary rpc = rpc_run(), amqp = amqp_run();
  const auto rows = summary_rows({&rpc, &amqp});
  EXPECT_EQ(find_row(rows, "sent")->cells, (std::vector<std::string>{"10", "-"}));
  EXPECT_EQ(find_row(rows, "published")->cells, (std::vector<std::string>{"-", "1490"}));
  EXPECT_EQ(find_row(rows, "publish-to-done p99, worst")->cells, (std::vector<std::string>{"-", "7.649 s"}));
  EXPECT_EQ(find_row(rows, "worker-1")->cells, (std::vector<std::string>{"-", "1398"}));
  EXPECT_EQ(find_row(rows, "lost")->cells, (std::vector<std::string>{"-", "102"}));
  EXPECT_EQ(find_row(rows, "  with a broker")->cells, (std::vector<std::string>{"-", "102"}));
  EXPECT_EQ(find_row(rows, "  with a process"), nullptr);
  for (const SummaryRow& row : rows) EXPECT_EQ(row.cells.size(), row.section ? 0u : 2u) << row.label;
}

TEST(SummaryTable, HeadlineSaysWhatTheRunDid) {
  EXPECT_EQ(headline(rpc_run()),
            (std::vector<std::string>{"10 calls: 8 ok", "2 timed out", "p50 12.50 ms  p99 1.500 s"}));
  EXPECT_EQ(headline(amqp_run()), (std::vector<std::string>{"1490 published, 1398 handled",
                                                            "publish-to-done p50 6.371 s  p99 7.649 s", "102 lost"}));
}

}  // namespace
}  // namespace buslab::viz
