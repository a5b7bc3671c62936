#include "tracefile/call_tree.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <unordered_map>

#include <fmt/format.h>

#include "tracefile/time_format.hpp"

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

std::vector<double> tree_done(const Trace& trace, const std::vector<CallTreeNode>& tree) {
  std::unordered_map<uint64_t, size_t> at;
  std::vector<double> done(tree.size(), NAN);
  for (size_t i = 0; i < tree.size(); ++i) {
    at[tree[i].call] = i;
    done[i] = trace.calls.t_end[tree[i].row];
  }
  const Events& e = trace.events;
  for (size_t k = 0; k < e.size(); ++k) {
    if (e.call[k] == 0 || trace.event_type(k) != EventType::ServiceEnd) continue;
    const auto it = at.find(e.call[k]);
    if (it != at.end() && !std::isnan(done[it->second])) done[it->second] = std::max(done[it->second], e.t[k]);
  }
  return done;
}

TreeTiming tree_timing(const Trace& trace, const std::vector<CallTreeNode>& tree) {
  TreeTiming timing;
  if (tree.empty()) return timing;
  const Calls& c = trace.calls;
  timing.start = c.t_start[tree.front().row];
  const std::vector<double> done = tree_done(trace, tree);
  double last = timing.start;
  for (double d : done)
    if (!std::isnan(d)) last = std::max(last, d);
  timing.span = last - timing.start;
  timing.took.resize(tree.size());
  for (size_t i = 0; i < tree.size(); ++i) timing.took[i] = done[i] - c.t_start[tree[i].row];
  return timing;
}

std::string TreeTiming::duration_text(size_t i) const {
  return std::isnan(took[i]) ? "pending" : format_duration(took[i]);
}

std::string TreeTiming::share_text(size_t i) const {
  return std::isnan(took[i]) || !(span > 0) ? "-" : fmt::format("{:.0f}%", 100.0 * took[i] / span);
}

std::string TreeTiming::took_text(size_t i) const {
  if (std::isnan(took[i])) return "pending";
  return span > 0 ? fmt::format("{} ({})", duration_text(i), share_text(i)) : duration_text(i);
}

std::string tree_call_label(const Trace& trace, const CallTreeNode& node) {
  const Calls& c = trace.calls;
  const size_t r = node.row;
  const std::string server = c.server[r] < 0 ? std::string("-") : trace.lanes[static_cast<size_t>(c.server[r])].name;
  return fmt::format("#{} {} {} on {}", node.call, c.cast[r] ? "cast" : "call", trace.methods.name(c.method[r]),
                     server);
}

std::vector<std::string> tree_lines(const Trace& trace, const std::vector<CallTreeNode>& tree) {
  const TreeTiming timing = tree_timing(trace, tree);
  std::vector<std::string> lines;
  for (size_t i = 0; i < tree.size(); ++i)
    lines.push_back(
        fmt::format("{:{}}{}, {}", "", 2 * tree[i].depth, tree_call_label(trace, tree[i]), timing.took_text(i)));
  return lines;
}

}  // namespace buslab::tracefile
