#include "sim/output/service_list.hpp"

#include <algorithm>
#include <vector>

#include <fmt/format.h>

namespace buslab {

std::string service_lists_text(const std::string& run, const nlohmann::ordered_json& metrics) {
  if (!metrics.is_object() || !metrics.contains("service_lists") || !metrics["service_lists"].is_array()) return "";
  std::string out;
  for (const auto& list : metrics["service_lists"]) {
    if (!list.contains("rows") || !list["at_s"].is_number()) continue;  // a replication summary
    std::vector<std::vector<std::string>> cells = {
        {"Binary", "Host", "Zone", "Status", "State", "Updated_At", "elapsed (s)"}};
    for (const auto& row : list["rows"])
      cells.push_back({row["binary"], row["host"], row["zone"], row["status"], row["state"], row["updated_at"],
                       fmt::format("{:.2f}", row["elapsed_s"].get<double>())});
    std::vector<size_t> width(cells.front().size(), 0);
    for (const auto& line : cells)
      for (size_t c = 0; c < line.size(); ++c) width[c] = std::max(width[c], line[c].size());
    out +=
        fmt::format("\nnova-manage service list, {}: at {:g} s, read on {} (its clock: {}; service_down_time {:g} s)\n",
                    run, list["at_s"].get<double>(), list["reader"].get<std::string>(),
                    list["reader_now"].get<std::string>(), list["service_down_time_s"].get<double>());
    for (const auto& line : cells) {
      std::string text;
      for (size_t c = 0; c < line.size(); ++c) {
        const bool last = c + 1 == line.size();
        // The elapsed column is a number: right-aligned.
        text += last ? fmt::format("{:>{}}", line[c], width[c]) : fmt::format("{:<{}}  ", line[c], width[c]);
      }
      out += text + "\n";
    }
  }
  return out;
}

}  // namespace buslab
