#include "tracefile/call_tree.hpp"

#include <algorithm>
#include <functional>
#include <unordered_map>

namespace buslab::tracefile {

std::vector<CallTreeNode> call_tree(const Trace& trace, const TraceIndex& index, uint64_t call) {
  std::vector<CallTreeNode> out;
  const Calls& c = trace.calls;
  long row = index.call_row(call);
  if (row < 0) return out;
  const auto parent_of = [&](size_t r) { return c.parent.empty() ? uint64_t{0} : c.parent[r]; };
  // Up to the root (a parent the trace does not hold ends the climb; a loop cannot, as depth is bounded).
  for (size_t guard = 0; guard < c.size(); ++guard) {
    const long up = parent_of(static_cast<size_t>(row)) ? index.call_row(parent_of(static_cast<size_t>(row))) : -1;
    if (up < 0) break;
    row = up;
  }
  std::unordered_map<uint64_t, std::vector<size_t>> children;
  for (size_t r = 0; r < c.size(); ++r)
    if (parent_of(r)) children[parent_of(r)].push_back(r);
  for (auto& [id, rows] : children)
    std::stable_sort(rows.begin(), rows.end(), [&](size_t a, size_t b) { return c.t_start[a] < c.t_start[b]; });
  std::function<void(size_t, int)> visit = [&](size_t r, int depth) {
    if (out.size() > c.size()) return;  // a malformed loop of parents: stop
    out.push_back(CallTreeNode{c.call[r], r, depth});
    const auto it = children.find(c.call[r]);
    if (it == children.end()) return;
    for (size_t child : it->second) visit(child, depth + 1);
  };
  visit(static_cast<size_t>(row), 0);
  return out;
}

}  // namespace buslab::tracefile
