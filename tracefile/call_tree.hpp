#pragma once
// A call and the calls made while handling it, as a tree: a nova boot's cast to the conductor, the conductor's
// call to the scheduler, its cast to a compute, the compute's saves through the conductor. Built from the calls'
// `parent` column (docs/trace-format.md); a trace without it gives every call a tree of its own.
#include <cstdint>
#include <string>
#include <vector>

#include "tracefile/trace_index.hpp"
#include "tracefile/trace_model.hpp"

namespace buslab::tracefile {

struct CallTreeNode {
  uint64_t call = 0;
  size_t row = 0;  // in trace.calls
  int depth = 0;   // 0: the root
};

// The tree that holds `call`: its root first, then depth first, each call's children by start time. Empty for an
// unknown call.
std::vector<CallTreeNode> call_tree(const Trace& trace, const TraceIndex& index, uint64_t call);

// When each call of `tree` was done with: the later of its end at its caller and the end of its last run at a
// server (a cast ends for its caller when sent, but its work, a nova build, goes on until the compute is done).
// NaN for a call still pending. In the tree's order.
std::vector<double> tree_done(const Trace& trace, const std::vector<CallTreeNode>& tree);

// The tree's span, from its root's start to the last of its calls done with, and how long each call took from its
// start to its done (NaN while pending): each call's share of the span, as the viewer and the SVG export show it.
struct TreeTiming {
  double start = 0;
  double span = 0;
  std::vector<double> took;  // in the tree's order
  // "7.45 s", or "pending".
  std::string duration_text(size_t i) const;
  // "99%", or "-" (pending, or a tree of no length).
  std::string share_text(size_t i) const;
  // "7.45 s (99%)", or "pending".
  std::string took_text(size_t i) const;
};
TreeTiming tree_timing(const Trace& trace, const std::vector<CallTreeNode>& tree);

// What a call of a tree is: "#8 cast build_and_run_instance on compute-1".
std::string tree_call_label(const Trace& trace, const CallTreeNode& node);

// One line per call of the tree, indented two spaces a level: "#8 cast build_and_run_instance on compute-1, 7.45 s
// (99%)".
std::vector<std::string> tree_lines(const Trace& trace, const std::vector<CallTreeNode>& tree);

}  // namespace buslab::tracefile
