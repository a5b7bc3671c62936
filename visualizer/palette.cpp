#include "visualizer/palette.hpp"

namespace buslab::viz::palette {

ImU32 rgba(tracefile::Rgb color, int alpha) {
  return IM_COL32(color.r, color.g, color.b, alpha);
}
ImU32 kind(tracefile::HopKind k, int alpha) {
  return rgba(tracefile::kind_color(k), alpha);
}
ImU32 phase(tracefile::Phase p, int alpha) {
  return rgba(tracefile::phase_color(p), alpha);
}

}  // namespace buslab::viz::palette
