#pragma once
// The colours of hop kinds, call phases and faults, shared by buslab-viz and the SVG export so that a slide and
// the live view read the same. Chosen to stay distinct on dark and on white backgrounds.
#include <cstdint>
#include <string>

#include "tracefile/call_path.hpp"
#include "tracefile/trace_model.hpp"

namespace buslab::tracefile {

struct Rgb {
  uint8_t r, g, b;
  bool operator==(const Rgb& o) const { return r == o.r && g == o.g && b == o.b; }
};

Rgb kind_color(HopKind kind);
Rgb phase_color(Phase phase);
inline constexpr Rgb kFaultColor{229, 57, 53};    // kill, host down, link down marks
inline constexpr Rgb kRecoverColor{67, 160, 71};  // restart, host up, link up, scale-out marks
inline constexpr Rgb kDownColor{229, 57, 53};     // bands while a lane is down
inline constexpr Rgb kStallColor{255, 160, 0};    // bands while it is hung, disconnected or blocking publishers
inline constexpr Rgb kDepthColor{171, 71, 188};   // queue depth
inline constexpr Rgb kBusyColor{0, 150, 136};     // busy workers
std::string hex(Rgb color);                       // "#4285f4"

// Faults that break something (red) rather than repair it (green).
bool is_breaking(EventType type);

}  // namespace buslab::tracefile
