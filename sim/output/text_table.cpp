#include "sim/output/text_table.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace buslab {

void TextTable::section(const std::string& title) {
  rows_.push_back(Row{title, {}});
}

void TextTable::row(const std::string& label, std::vector<std::string> cells) {
  rows_.push_back(Row{"  " + label, std::move(cells)});
}

std::string TextTable::render(const std::vector<std::string>& headers) const {
  size_t label_width = 0;
  // Section titles stand on their own line and do not widen the label column.
  for (const auto& r : rows_)
    if (!r.cells.empty()) label_width = std::max(label_width, r.label.size());
  std::vector<size_t> widths(columns_, 0);
  for (size_t c = 0; c < columns_; ++c) {
    widths[c] = headers[c].size();
    for (const auto& r : rows_)
      if (c < r.cells.size()) widths[c] = std::max(widths[c], r.cells[c].size());
  }
  std::string out = fmt::format("{:<{}}", "", label_width);
  for (size_t c = 0; c < columns_; ++c) out += fmt::format("  {:>{}}", headers[c], widths[c]);
  out += "\n";
  for (const auto& r : rows_) {
    if (r.cells.empty()) {
      out += r.label + "\n";
      continue;
    }
    out += fmt::format("{:<{}}", r.label, label_width);
    for (size_t c = 0; c < r.cells.size(); ++c) out += fmt::format("  {:>{}}", r.cells[c], widths[c]);
    out += "\n";
  }
  return out;
}

}  // namespace buslab
