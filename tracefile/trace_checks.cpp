#include "tracefile/trace_checks.hpp"

#include <algorithm>
#include <numeric>
#include <vector>

#include <fmt/format.h>

namespace buslab::tracefile::reader {

namespace {

template <typename T>
void permute(std::vector<T>& v, const std::vector<uint32_t>& order) {
  std::vector<T> out(v.size());
  for (size_t i = 0; i < order.size(); ++i) out[i] = v[order[i]];
  v.swap(out);
}

}  // namespace

std::string broken_reference(const Trace& trace) {
  const auto lanes = static_cast<int32_t>(trace.lanes.size());
  const auto out_of_range = [&](const char* table, size_t row, const char* column, int32_t lane) {
    return fmt::format("{}[{}]: column \"{}\": lane {} does not exist (the trace has {} lanes, 0..{})", table, row,
                       column, lane, lanes, lanes - 1);
  };
  const Hops& h = trace.hops;
  for (size_t i = 0; i < h.size(); ++i) {
    if (h.from[i] >= lanes) return out_of_range("hops", i, "from", h.from[i]);
    if (h.to[i] >= lanes) return out_of_range("hops", i, "to", h.to[i]);
  }
  for (size_t i = 0; i < trace.events.size(); ++i)
    if (trace.events.lane[i] >= lanes) return out_of_range("events", i, "lane", trace.events.lane[i]);
  for (size_t i = 0; i < trace.calls.size(); ++i) {
    if (trace.calls.client[i] >= lanes) return out_of_range("calls", i, "client", trace.calls.client[i]);
    if (trace.calls.server[i] >= lanes) return out_of_range("calls", i, "server", trace.calls.server[i]);
  }
  return "";
}

void ensure_sorted(Trace& trace) {
  Hops& h = trace.hops;
  // The writer's order: hops by departure then message, events by time then lane.
  const auto hop_before = [&](size_t a, size_t b) {
    return h.t_send[a] < h.t_send[b] || (h.t_send[a] == h.t_send[b] && h.msg[a] < h.msg[b]);
  };
  bool sorted = true;
  for (size_t i = 1; i < h.size() && sorted; ++i) sorted = !hop_before(i, i - 1);
  if (!sorted) {
    std::vector<uint32_t> order(h.size());
    std::iota(order.begin(), order.end(), 0u);
    std::stable_sort(order.begin(), order.end(), hop_before);
    permute(h.msg, order), permute(h.call, order), permute(h.kind, order), permute(h.from, order);
    permute(h.to, order), permute(h.t_send, order), permute(h.t_recv, order), permute(h.bytes, order);
    permute(h.method, order), permute(h.status, order);
  }
  Events& e = trace.events;
  const auto event_before = [&](size_t a, size_t b) {
    return e.t[a] < e.t[b] || (e.t[a] == e.t[b] && e.lane[a] < e.lane[b]);
  };
  sorted = true;
  for (size_t i = 1; i < e.size() && sorted; ++i) sorted = !event_before(i, i - 1);
  if (!sorted) {
    std::vector<uint32_t> order(e.size());
    std::iota(order.begin(), order.end(), 0u);
    std::stable_sort(order.begin(), order.end(), event_before);
    permute(e.t, order), permute(e.lane, order), permute(e.type, order), permute(e.value, order);
    permute(e.call, order);
  }
  Calls& c = trace.calls;
  sorted = true;
  for (size_t i = 1; i < c.size() && sorted; ++i) sorted = c.call[i - 1] < c.call[i];
  if (!sorted) {
    std::vector<uint32_t> order(c.size());
    std::iota(order.begin(), order.end(), 0u);
    std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return c.call[a] < c.call[b]; });
    permute(c.call, order), permute(c.client, order), permute(c.method, order), permute(c.cast, order);
    permute(c.t_start, order), permute(c.t_end, order), permute(c.outcome, order), permute(c.server, order);
    permute(c.parent, order);
  }
}

}  // namespace buslab::tracefile::reader
