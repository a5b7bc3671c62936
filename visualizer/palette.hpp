#pragma once
// Colours of the timeline as ImGui colours: the shared hop-kind and phase colours (tracefile/kind_colors.hpp,
// also used by the SVG export) plus the visualizer's own UI colours.
#include <imgui.h>

#include "tracefile/kind_colors.hpp"

namespace buslab::viz::palette {

ImU32 rgba(tracefile::Rgb color, int alpha = 255);
ImU32 kind(tracefile::HopKind kind, int alpha = 255);
ImU32 phase(tracefile::Phase phase, int alpha = 255);

inline constexpr ImU32 kPlotBackground = IM_COL32(24, 27, 33, 255);
inline constexpr ImU32 kRowEven = IM_COL32(30, 34, 41, 255);
inline constexpr ImU32 kRowOdd = IM_COL32(26, 29, 36, 255);
inline constexpr ImU32 kHeaderRow = IM_COL32(44, 50, 61, 255);
inline constexpr ImU32 kSectionHeader = IM_COL32(58, 66, 82, 255);
inline constexpr ImU32 kGrid = IM_COL32(255, 255, 255, 18);
inline constexpr ImU32 kGridMajor = IM_COL32(255, 255, 255, 34);
inline constexpr ImU32 kText = IM_COL32(225, 230, 238, 255);
inline constexpr ImU32 kTextDim = IM_COL32(150, 160, 175, 255);
inline constexpr ImU32 kDensity = IM_COL32(120, 144, 156, 150);
inline constexpr ImU32 kDensityText = IM_COL32(210, 220, 230, 255);
inline constexpr ImU32 kCursor = IM_COL32(255, 235, 59, 255);
inline constexpr ImU32 kSelection = IM_COL32(66, 133, 244, 50);
inline constexpr ImU32 kHover = IM_COL32(255, 255, 255, 255);
inline constexpr ImU32 kUp = IM_COL32(67, 160, 71, 160);

}  // namespace buslab::viz::palette
