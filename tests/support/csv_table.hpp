#pragma once
// A CSV file read back for tests: the header and each row as strings, by column name. Quoted fields (with "" for
// a quote) are understood, as RFC 4180 writes them.
#include <fstream>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/output/csv_text.hpp"

namespace buslab::testing {

struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::map<std::string, std::string>> rows;

  double number(size_t row, const std::string& column) const {
    const std::string& text = rows.at(row).at(column);
    if (text.empty()) throw std::runtime_error("empty cell " + column);
    return std::stod(text);
  }
};

inline std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> fields;
  buslab::split_csv_line(line, fields);
  return fields;
}

inline CsvTable read_csv(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  CsvTable table;
  std::string line;
  if (!std::getline(in, line)) throw std::runtime_error(path + ": empty");
  table.header = split_csv_line(line);
  size_t number = 1;
  while (std::getline(in, line)) {
    ++number;
    const auto fields = split_csv_line(line);
    if (fields.size() != table.header.size())
      throw std::runtime_error(path + ":" + std::to_string(number) + ": " + std::to_string(fields.size()) +
                               " fields, the header has " + std::to_string(table.header.size()));
    std::map<std::string, std::string> row;
    for (size_t i = 0; i < fields.size(); ++i) row[table.header[i]] = fields[i];
    table.rows.push_back(std::move(row));
  }
  return table;
}

}  // namespace buslab::testing
