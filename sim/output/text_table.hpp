#pragma once
// A plain-text table for terminals: a left-aligned label column, then right-aligned value columns, each as wide
// as its widest cell or header. Section titles stand on their own line.
#include <string>
#include <vector>

namespace buslab {

class TextTable {
 public:
  explicit TextTable(size_t columns) : columns_(columns) {}

  void section(const std::string& title);
  // A row under the current section, its label indented.
  void row(const std::string& label, std::vector<std::string> cells);
  std::string render(const std::vector<std::string>& headers) const;

 private:
  struct Row {
    std::string label;
    std::vector<std::string> cells;  // empty: a section title
  };
  size_t columns_;
  std::vector<Row> rows_;
};

}  // namespace buslab
