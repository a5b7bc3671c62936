#include "sim/output/text_table.hpp"

#include <algorithm>

namespace buslab {

namespace {

// Columns a UTF-8 cell takes on a terminal ("±" is two bytes, one column).
size_t display_width(const std::string& text) {
  size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

std::string left(const std::string& text, size_t width) {
  return text + std::string(width > display_width(text) ? width - display_width(text) : 0, ' ');
}

std::string right(const std::string& text, size_t width) {
  return std::string(width > display_width(text) ? width - display_width(text) : 0, ' ') + text;
}

}  // namespace

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
    if (!r.cells.empty()) label_width = std::max(label_width, display_width(r.label));
  std::vector<size_t> widths(columns_, 0);
  for (size_t c = 0; c < columns_; ++c) {
    widths[c] = display_width(headers[c]);
    for (const auto& r : rows_)
      if (c < r.cells.size()) widths[c] = std::max(widths[c], display_width(r.cells[c]));
  }
  std::string out = left("", label_width);
  for (size_t c = 0; c < columns_; ++c) out += "  " + right(headers[c], widths[c]);
  out += "\n";
  for (const auto& r : rows_) {
    if (r.cells.empty()) {
      out += r.label + "\n";
      continue;
    }
    out += left(r.label, label_width);
    for (size_t c = 0; c < r.cells.size(); ++c) out += "  " + right(r.cells[c], widths[c]);
    out += "\n";
  }
  return out;
}

}  // namespace buslab
