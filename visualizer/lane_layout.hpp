#pragma once
// The rows of one trace on the timeline: a header row per host (its up/down state), then the host's lanes, each
// as tall as what it draws (queues and servers carry a graph). Hosts can be collapsed (their lanes fold into the
// header row, arrows included) and lanes or whole hosts hidden (their arrows are left out). A family of like lanes
// on one host (clients api-1 .. api-16, their reply queues) is folded into one row until it is expanded, so that
// sixteen clients do not push the servers off the screen. Plain geometry.
#include <cstdint>
#include <string>
#include <vector>

#include "tracefile/trace_index.hpp"
#include "tracefile/trace_model.hpp"

namespace buslab::viz {

struct LaneRow {
  bool header = false;       // a host's header row
  int family = -1;           // a folded family's row: its index in LaneFamilies
  bool host_inline = false;  // the one lane of its host, with no header row: the host's state is drawn on it
  size_t host = 0;           // index into TraceIndex::hosts()
  int lane = -1;             // the lane drawn here (a header: the host lane, or -1 if the trace has none)
  float y = 0;               // top, from the top of the trace's section
  float height = 0;
  bool collapsed = false;  // header of a collapsed host
  float center() const { return y + height / 2; }
};

// Lanes of one host named alike, "<name>-<n>": clients of one group, their reply queues ("rabbit/q/reply_api-3").
// Servers are never folded: they are what a timeline is read for.
struct LaneFamilies {
  static constexpr size_t kFoldFrom = 4;  // families this large are folded at first
  std::vector<int> of_lane;               // per lane, its family or -1
  std::vector<std::string> names;         // "api-*", "rabbit/q/reply_api-*"
  std::vector<std::vector<int>> lanes;    // per family, in lane order
};
LaneFamilies lane_families(const tracefile::Trace& trace);

// A server row's scale under its name: its most busy workers, out of how many ("busy max 3/64"), or that its pool
// has no bound (a thread per connection: 100,000 "workers" in the trace, tracefile::kUnboundedWorkers).
std::string busy_scale_text(double busy_max, int workers);

struct LaneVisibility {
  std::vector<uint8_t> host_collapsed;   // per host
  std::vector<uint8_t> host_hidden;      // per host
  std::vector<uint8_t> lane_hidden;      // per lane
  std::vector<uint8_t> family_expanded;  // per family: shown lane by lane
};

class LaneLayout {
 public:
  // Row heights at scale 1 (the default font); build() multiplies them by its scale.
  static constexpr float kHeaderHeight = 20;
  static constexpr float kLaneHeight = 22;
  static constexpr float kGraphLaneHeight = 42;  // queues (depth) and servers (busy workers, what waited)

  void build(const tracefile::Trace& trace, const tracefile::TraceIndex& index, const LaneFamilies& families,
             const LaneVisibility& visibility, float scale = 1);

  float scale() const { return scale_; }
  // Whether a row carries a graph (tall enough for one, at this layout's scale).
  bool graph_row(const LaneRow& row) const { return !row.header && row.height >= kGraphLaneHeight * scale_; }
  float lane_height() const { return kLaneHeight * scale_; }

  const std::vector<LaneRow>& rows() const { return rows_; }
  float height() const { return height_; }
  // The row a lane's arrows attach to: its own, its host's header when collapsed; -1 when hidden.
  int row_of_lane(int lane) const { return row_of_lane_[static_cast<size_t>(lane)]; }
  // The row under y (from the section top), or -1.
  int row_at(float y) const;
  // Lanes folded into a row: the lane itself, or every lane of a collapsed host.
  const std::vector<int>& lanes_in_row(size_t row) const { return lanes_in_row_[row]; }

 private:
  std::vector<LaneRow> rows_;
  std::vector<int> row_of_lane_;
  std::vector<std::vector<int>> lanes_in_row_;
  float height_ = 0;
  float scale_ = 1;
};

// A visibility with everything shown and expanded but large families, sized for a trace.
LaneVisibility all_visible(const tracefile::Trace& trace, const tracefile::TraceIndex& index,
                           const LaneFamilies& families);

}  // namespace buslab::viz
