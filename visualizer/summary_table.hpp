#pragma once
// The side panel's summary of the shown runs as rows of text, one column per run, in the sections and words of
// the `buslab run` table: clients and their calls, servers, AMQP publishers, consumers and queues, and the
// message ledger. Plain text, so that tests read what the panel shows.
#include <string>
#include <vector>

#include "tracefile/run_summary.hpp"

namespace buslab::viz {

struct SummaryRow {
  bool section = false;  // a heading ("publisher producer"), no cells
  std::string label;
  std::vector<std::string> cells;  // one per run, "-" where a run has no such thing
};

// Rows for these runs, side by side. Rows whose every cell is zero are left out (as the CLI leaves them out).
std::vector<SummaryRow> summary_rows(const std::vector<const tracefile::RunSummary*>& runs);

// The headline of one run for its section header, most telling first: calls and their latency, or messages
// published, handled and lost.
std::vector<std::string> headline(const tracefile::RunSummary& run);

}  // namespace buslab::viz
