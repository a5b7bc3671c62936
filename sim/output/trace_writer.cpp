#include "sim/output/trace_writer.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string_view>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "sim/output/provenance.hpp"
#include "sim/scenario/schema.hpp"
#include "tracefile/trace_model.hpp"

namespace buslab {

// A pool without bound is written as the most instances a scenario allows, which readers take as "no bound".
static_assert(kMaxInstances == tracefile::kUnboundedWorkers);

namespace {

std::string where(const char* record, size_t index, const char* field) {
  return *record ? fmt::format("{}[{}].{}", record, index, field) : std::string(field);
}

// A time as JSON: the shortest text that reads back to the same double; NaN, where the format allows it (a hop
// that never arrived, a call that never ended), as null. Anything else outside the format's range is refused.
std::string time_text(double t, const char* record, size_t index, const char* field) {
  const bool nullable = std::string_view(field) == "t_recv" || std::string_view(field) == "t_end";
  if (std::isnan(t) && nullable) return "null";
  if (!(t >= 0 && t <= tracefile::kMaxTraceSeconds))
    throw std::runtime_error(fmt::format("trace.json: {} is {}, not a time from 0 to {:g} s",
                                         where(record, index, field), t, tracefile::kMaxTraceSeconds));
  return fmt::format("{}", t);
}

// Any other number: finite, or the file would not be JSON.
std::string value_text(double v, const char* record, size_t index, const char* field) {
  if (!std::isfinite(v))
    throw std::runtime_error(fmt::format("trace.json: {} is {}, not a number", where(record, index, field), v));
  return fmt::format("{}", v);
}

std::string json_string(const std::string& text) {
  return nlohmann::json(text).dump();
}

const char* outcome_name(CallOutcome outcome) {
  switch (outcome) {
    case CallOutcome::Pending:
      return "pending";
    case CallOutcome::Ok:
      return "ok";
    case CallOutcome::Timeout:
      return "timeout";
    case CallOutcome::Error:
      return "error";
    case CallOutcome::Sent:
      return "sent";
    case CallOutcome::Confirmed:
      return "confirmed";
  }
  return "?";
}

}  // namespace

void write_trace(tracefile::AtomicFile& out, const Scenario& scenario, const TraceLog& trace, double sim_time,
                 const nlohmann::ordered_json& conservation) {
  out.write(
      fmt::format("{{\"format\":\"buslab-trace\",\"version\":{},\"scenario\":{},\"variant\":{},\"seed\":{},"
                  "\"sim_time_s\":{},\n\"conservation\":{},\n\"provenance\":{},\n\"lanes\":[",
                  kTraceVersion, json_string(scenario.name), json_string(scenario.variant), scenario.seed,
                  time_text(sim_time, "", 0, "sim_time_s"), conservation.dump(), provenance_json(scenario).dump()));
  const auto& lanes = trace.lanes();
  for (size_t i = 0; i < lanes.size(); ++i) {
    const LaneInfo& lane = lanes[i];
    std::string extra;
    if (!lane.broker.empty()) extra += ",\"broker\":" + json_string(lane.broker);
    if (!lane.service.empty()) extra += ",\"service\":" + json_string(lane.service);
    if (lane.kind == LaneKind::Server) extra += fmt::format(",\"workers\":{}", lane.workers);
    if (const auto clock = trace.clocks().find(static_cast<LaneId>(i)); clock != trace.clocks().end())
      extra += fmt::format(",\"clock\":{{\"offset\":{},\"drift_ppm\":{},\"ntp_interval\":{}}}",
                           value_text(clock->second.offset, "lanes", i, "clock.offset"),
                           value_text(clock->second.drift_ppm, "lanes", i, "clock.drift_ppm"),
                           value_text(clock->second.ntp_interval, "lanes", i, "clock.ntp_interval"));
    out.write(fmt::format("{}\n{{\"id\":{},\"name\":{},\"kind\":\"{}\",\"host\":{}{}}}", i ? "," : "", i,
                          json_string(lane.name), to_string(lane.kind), json_string(lane.host), extra));
  }

  // Hops are recorded when they arrive; the file lists them by departure.
  const auto& hops = trace.hops();
  std::vector<size_t> order(hops.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return hops[a].t_send < hops[b].t_send || (hops[a].t_send == hops[b].t_send && hops[a].msg < hops[b].msg);
  });
  std::vector<std::string> method_json;
  for (const auto& m : trace.methods()) method_json.push_back(json_string(m));
  out.write(
      "],\n\"hop_fields\":[\"msg\",\"call\",\"kind\",\"from\",\"to\",\"t_send\",\"t_recv\",\"bytes\",\"method\","
      "\"status\"],\n\"hops\":[");
  for (size_t i = 0; i < order.size(); ++i) {
    const HopRecord& h = hops[order[i]];
    out.write(fmt::format("{}\n[{},{},\"{}\",{},{},{},{},{},{},\"{}\"]", i ? "," : "", h.msg, h.call, to_string(h.kind),
                          h.from, h.to, time_text(h.t_send, "hops", i, "t_send"),
                          time_text(h.t_recv, "hops", i, "t_recv"), h.bytes, method_json[h.method],
                          to_string(h.status)));
  }

  const auto& events = trace.events();
  std::vector<size_t> event_order(events.size());
  std::iota(event_order.begin(), event_order.end(), 0);
  std::stable_sort(event_order.begin(), event_order.end(), [&](size_t a, size_t b) {
    return events[a].t < events[b].t || (events[a].t == events[b].t && events[a].lane < events[b].lane);
  });
  out.write("],\n\"event_fields\":[\"t\",\"lane\",\"type\",\"value\",\"call\"],\n\"events\":[");
  for (size_t i = 0; i < event_order.size(); ++i) {
    const EventRecord& e = events[event_order[i]];
    out.write(fmt::format("{}\n[{},{},\"{}\",{},{}]", i ? "," : "", time_text(e.t, "events", i, "t"), e.lane,
                          to_string(e.type), value_text(e.value, "events", i, "value"), e.call));
  }

  out.write(
      "],\n\"call_fields\":[\"call\",\"client\",\"method\",\"mode\",\"t_start\",\"t_end\",\"outcome\",\"server\","
      "\"parent\","
      "\"root\"],\n"
      "\"calls\":[");
  const auto& calls = trace.calls();
  for (size_t i = 0; i < calls.size(); ++i) {
    const CallRecord& c = calls[i];
    std::string outcome = outcome_name(c.outcome);
    if (c.outcome == CallOutcome::Error) outcome += ":" + c.error;
    out.write(fmt::format("{}\n[{},{},{},\"{}\",{},{},{},{},{},{}]", i ? "," : "", c.call, c.client,
                          method_json[c.method], c.mode == RpcMode::Call ? "call" : "cast",
                          time_text(c.t_start, "calls", i, "t_start"), time_text(c.t_end, "calls", i, "t_end"),
                          json_string(outcome), c.server, c.parent, c.root));
  }
  out.write("]}\n");
}

}  // namespace buslab
