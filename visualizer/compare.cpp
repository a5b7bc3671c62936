#include "visualizer/compare.hpp"

#include <imgui.h>

#include <cmath>
#include <functional>
#include <string>

#include <fmt/format.h>

#include "tracefile/time_format.hpp"

namespace buslab::viz {

void draw_run_summary(const std::vector<const Document*>& docs) {
  const int columns = static_cast<int>(docs.size()) + 1;
  if (!ImGui::BeginTable("runs", columns, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) return;
  ImGui::TableSetupColumn("");
  for (const auto& d : docs) {
    const auto& t = d->trace();
    const std::string name = t.variant.empty() ? t.scenario : t.variant;
    ImGui::TableSetupColumn((docs.size() > 1 ? d->tag() + ": " + name : name).c_str());
  }
  ImGui::TableHeadersRow();
  const auto row = [&](const char* name, const std::function<std::string(const tracefile::CallStats&)>& value) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextDisabled("%s", name);
    for (const auto& d : docs) {
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(value(d->stats()).c_str());
    }
  };
  const auto count = [](size_t n) { return fmt::format("{}", n); };
  row("calls", [&](const auto& s) { return count(s.calls); });
  row("ok", [&](const auto& s) { return count(s.ok); });
  row("timed out", [&](const auto& s) { return count(s.timeouts); });
  row("failed", [&](const auto& s) { return count(s.errors); });
  row("latency p50", [](const auto& s) { return tracefile::format_duration(s.p50); });
  row("latency p90", [](const auto& s) { return tracefile::format_duration(s.p90); });
  row("latency p99", [](const auto& s) { return tracefile::format_duration(s.p99); });
  row("latency max", [](const auto& s) { return tracefile::format_duration(s.max); });
  row("hops", [&](const auto& s) { return count(s.hops); });
  row("lost / dropped", [](const auto& s) { return fmt::format("{} / {}", s.lost, s.dropped); });
  ImGui::EndTable();
}

}  // namespace buslab::viz
