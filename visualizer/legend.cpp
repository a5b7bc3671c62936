#include "visualizer/legend.hpp"

#include <imgui.h>

#include <functional>
#include <vector>

#include "visualizer/palette.hpp"
#include "visualizer/ui_scale.hpp"
#include "visualizer/ui_text.hpp"

namespace buslab::viz {

using tracefile::HopKind;

namespace {

// A line sample (or a custom swatch) followed by a label; two entries per line.
void entry(int& column, const char* label, const std::function<void(ImDrawList*, ImVec2)>& swatch) {
  if (column % 2) ImGui::SameLine(ImGui::GetContentRegionAvail().x * 0.5f + ImGui::GetStyle().WindowPadding.x);
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const float h = ImGui::GetTextLineHeight();
  swatch(ImGui::GetWindowDrawList(), ImVec2(at.x, at.y + h / 2));
  ImGui::Dummy(ImVec2(px(26), h));
  ImGui::SameLine();
  ImGui::TextUnformatted(label);
  audit_item(label);
  ++column;
}

}  // namespace

void draw_legend(const std::vector<const Document*>& docs) {
  // Every kind the traces hold, by the HopKind order; the main ones even when absent, so the legend is stable.
  std::vector<uint8_t> present(tracefile::kHopKindCount, 0);
  for (HopKind k : {HopKind::Request, HopKind::Route, HopKind::Delivery, HopKind::Reply, HopKind::Ack,
                    HopKind::Heartbeat, HopKind::Error})
    present[static_cast<size_t>(k)] = 1;
  for (const auto& d : docs)
    for (int k = 0; k < tracefile::kHopKindCount; ++k)
      if (d->kind_present(static_cast<HopKind>(k))) present[static_cast<size_t>(k)] = 1;
  int column = 0;
  for (int k = 0; k < tracefile::kHopKindCount; ++k) {
    if (!present[static_cast<size_t>(k)]) continue;
    const auto kind = static_cast<HopKind>(k);
    entry(column, tracefile::to_string(kind), [&](ImDrawList* draw, ImVec2 p) {
      draw->AddLine(ImVec2(p.x, p.y), ImVec2(p.x + px(18), p.y), palette::kind(kind), 2.5f);
      draw->AddTriangleFilled(ImVec2(p.x + px(24), p.y), ImVec2(p.x + px(16), p.y - px(4)),
                              ImVec2(p.x + px(16), p.y + px(4)), palette::kind(kind));
    });
  }
  ImGui::Separator();
  column = 0;
  entry(column, "kill / down", [](ImDrawList* draw, ImVec2 p) {
    draw->AddRectFilled(ImVec2(p.x + px(10), p.y - px(7)), ImVec2(p.x + px(13), p.y + px(7)),
                        palette::rgba(tracefile::kFaultColor));
  });
  entry(column, "restart / up", [](ImDrawList* draw, ImVec2 p) {
    draw->AddRectFilled(ImVec2(p.x + px(10), p.y - px(7)), ImVec2(p.x + px(13), p.y + px(7)),
                        palette::rgba(tracefile::kRecoverColor));
  });
  entry(column, "lane down", [](ImDrawList* draw, ImVec2 p) {
    draw->AddRectFilled(ImVec2(p.x, p.y - px(7)), ImVec2(p.x + px(24), p.y + px(7)),
                        palette::rgba(tracefile::kDownColor, 60));
    draw->AddLine(ImVec2(p.x, p.y - px(6)), ImVec2(p.x + px(24), p.y - px(6)), palette::rgba(tracefile::kDownColor), 2);
  });
  entry(column, "hung / disconnected", [](ImDrawList* draw, ImVec2 p) {
    draw->AddRectFilled(ImVec2(p.x, p.y - px(7)), ImVec2(p.x + px(24), p.y + px(7)),
                        palette::rgba(tracefile::kStallColor, 60));
    draw->AddLine(ImVec2(p.x, p.y - px(6)), ImVec2(p.x + px(24), p.y - px(6)), palette::rgba(tracefile::kStallColor),
                  2);
  });
  entry(column, "lost / timeout", [](ImDrawList* draw, ImVec2 p) {
    const ImU32 red = palette::rgba(tracefile::kFaultColor);
    draw->AddLine(ImVec2(p.x + px(8), p.y - px(4)), ImVec2(p.x + px(16), p.y + px(4)), red, 2);
    draw->AddLine(ImVec2(p.x + px(8), p.y + px(4)), ImVec2(p.x + px(16), p.y - px(4)), red, 2);
  });
  entry(column, "messages waiting", [](ImDrawList* draw, ImVec2 p) {
    draw->AddRectFilled(ImVec2(p.x, p.y - px(2)), ImVec2(p.x + px(12), p.y + px(7)),
                        palette::rgba(tracefile::kDepthColor, 150));
    draw->AddRectFilled(ImVec2(p.x + px(12), p.y - px(6)), ImVec2(p.x + px(24), p.y + px(7)),
                        palette::rgba(tracefile::kDepthColor, 150));
  });
  entry(column, "busy workers", [](ImDrawList* draw, ImVec2 p) {
    draw->AddRectFilled(ImVec2(p.x, p.y - px(6)), ImVec2(p.x + px(12), p.y + px(7)),
                        palette::rgba(tracefile::kBusyColor, 140));
    draw->AddRectFilled(ImVec2(p.x + px(12), p.y), ImVec2(p.x + px(24), p.y + px(7)),
                        palette::rgba(tracefile::kBusyColor, 140));
  });
  entry(column, "bundle of hops", [](ImDrawList* draw, ImVec2 p) {
    draw->AddLine(ImVec2(p.x + px(4), p.y - px(7)), ImVec2(p.x + px(4), p.y + px(5)),
                  palette::kind(HopKind::Delivery, 150), px(4));
    draw->AddLine(ImVec2(p.x + px(12), p.y - px(7)), ImVec2(p.x + px(12), p.y + px(5)),
                  palette::kind(HopKind::Request, 150), px(2));
    draw->AddLine(ImVec2(p.x + px(20), p.y - px(7)), ImVec2(p.x + px(20), p.y + px(5)),
                  palette::kind(HopKind::Reply, 150), px(3));
  });
  entry(column, "too dense: counts", [](ImDrawList* draw, ImVec2 p) {
    for (int i = 0; i < 4; ++i)
      draw->AddRectFilled(ImVec2(p.x + px(6) * static_cast<float>(i), p.y + px(7) - px(3) * static_cast<float>(i + 1)),
                          ImVec2(p.x + px(6) * static_cast<float>(i) + px(5), p.y + px(7)), palette::kDensity);
  });
  // Only for traces of a nova servicegroup (docs/servicegroup.md).
  bool reports = false;
  for (const auto& d : docs) reports = reports || !d->index().reports().empty();
  if (reports)
    entry(column, "heartbeat written", [](ImDrawList* draw, ImVec2 p) {
      const float x = p.x + px(12), d = px(4);
      draw->AddQuadFilled(ImVec2(x, p.y - d), ImVec2(x + d, p.y), ImVec2(x, p.y + d), ImVec2(x - d, p.y),
                          palette::rgba(tracefile::kRecoverColor));
    });
}

}  // namespace buslab::viz
