#include "tracefile/trace_model.hpp"

#include <algorithm>
#include <iterator>

#include "models/accounting/trace_log.hpp"

namespace buslab::tracefile {

namespace {

// The writer (models/accounting/trace_log) owns the vocabulary; the reader's enums list the same values in the
// same order, plus Other for names a newer writer may add.
static_assert(static_cast<int>(buslab::HopKind::Local) + 1 == static_cast<int>(HopKind::Other),
              "the reader knows every hop kind the writer emits");
static_assert(static_cast<int>(buslab::HopStatus::Dropped) + 1 == static_cast<int>(HopStatus::Other),
              "the reader knows every hop status the writer emits");
static_assert(static_cast<int>(buslab::EventType::Report) + 1 == static_cast<int>(EventType::Other),
              "the reader knows every event type the writer emits");
static_assert(static_cast<int>(buslab::LaneKind::Queue) + 1 == static_cast<int>(LaneKind::Other),
              "the reader knows every lane kind the writer emits");

}  // namespace

const char* to_string(LaneKind kind) {
  return kind == LaneKind::Other ? "other" : buslab::to_string(static_cast<buslab::LaneKind>(kind));
}

const char* to_string(HopKind kind) {
  return kind == HopKind::Other ? "other" : buslab::to_string(static_cast<buslab::HopKind>(kind));
}

const char* to_string(EventType type) {
  return type == EventType::Other ? "other" : buslab::to_string(static_cast<buslab::EventType>(type));
}

LaneKind lane_kind_from(std::string_view name) {
  for (int k = 0; k < static_cast<int>(LaneKind::Other); ++k)
    if (name == to_string(static_cast<LaneKind>(k))) return static_cast<LaneKind>(k);
  return LaneKind::Other;
}

bool is_fault(EventType type) {
  switch (type) {
    case EventType::Kill:
    case EventType::Restart:
    case EventType::HostDown:
    case EventType::HostUp:
    case EventType::LinkDown:
    case EventType::LinkUp:
    case EventType::ScaleOut:
    case EventType::Hang:
    case EventType::Resume:
      return true;
    default:
      return false;
  }
}

uint32_t StringTable::intern(const std::string& name) {
  const auto it = index_.find(name);
  if (it != index_.end()) return it->second;
  const auto id = static_cast<uint32_t>(names_.size());
  names_.push_back(name);
  index_.emplace(name, id);
  return id;
}

Trace::Trace() {
  for (int k = 0; k < static_cast<int>(HopKind::Other); ++k) hop_kinds.intern(to_string(static_cast<HopKind>(k)));
  for (int k = 0; k < static_cast<int>(HopStatus::Other); ++k)
    hop_statuses.intern(buslab::to_string(static_cast<buslab::HopStatus>(k)));
  for (int k = 0; k < static_cast<int>(EventType::Other); ++k) event_types.intern(to_string(static_cast<EventType>(k)));
  methods.intern("");
}

bool Trace::call_completed(size_t call) const {
  const std::string& outcome = outcomes.name(calls.outcome[call]);
  return outcome == "ok" || outcome == "sent" || outcome == "confirmed";
}

std::string Trace::title() const {
  std::string title = scenario.empty() ? path : scenario;
  if (!variant.empty()) title += " / " + variant;
  return title;
}

void Trace::compute_span() {
  double lo = INFINITY, hi = -INFINITY;
  const auto widen = [&](double t) {
    if (std::isnan(t)) return;
    lo = std::min(lo, t);
    hi = std::max(hi, t);
  };
  for (size_t i = 0; i < hops.size(); ++i) {
    widen(hops.t_send[i]);
    widen(hops.t_recv[i]);
  }
  for (double t : events.t) widen(t);
  for (size_t i = 0; i < calls.size(); ++i) {
    widen(calls.t_start[i]);
    widen(calls.t_end[i]);
  }
  if (lo > hi) lo = hi = 0;  // an empty trace
  t_begin = lo;
  t_end = hi;
}

}  // namespace buslab::tracefile
