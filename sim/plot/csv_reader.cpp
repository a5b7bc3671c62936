#include "sim/plot/csv_reader.hpp"

#include <cstdlib>
#include <fstream>

#include <fmt/format.h>

#include "sim/output/csv_text.hpp"
#include "sim/plot/plot_error.hpp"

namespace buslab::plot {

size_t CsvFile::column(const std::string& name) const {
  for (size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return i;
  return std::string::npos;
}

bool parse_number(const std::string& text, double& value) {
  if (text.empty()) return false;
  char* end = nullptr;
  value = std::strtod(text.c_str(), &end);
  return end == text.c_str() + text.size();
}

CsvFile read_csv_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw PlotInputError(fmt::format("{}: cannot read it", path));
  CsvFile file;
  file.path = path;
  std::string line;
  if (!std::getline(in, line) || !split_csv_line(line, file.header) || line.empty())
    throw PlotInputError(fmt::format("{}: empty, or not a CSV file (no header line)", path));
  std::vector<std::string> fields;
  for (size_t number = 2; std::getline(in, line); ++number) {
    if (line.empty()) continue;
    if (!split_csv_line(line, fields))
      throw PlotInputError(fmt::format("{}:{}: a quoted field is not closed", path, number));
    if (fields.size() != file.header.size())
      throw PlotInputError(fmt::format("{}:{}: expected {} fields as in the header, found {}", path, number,
                                       file.header.size(), fields.size()));
    file.rows.push_back(std::move(fields));
  }
  return file;
}

}  // namespace buslab::plot
