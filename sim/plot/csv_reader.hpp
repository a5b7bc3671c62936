#pragma once
// The CSV files buslab writes (timeseries.csv, a sweep's summary.csv), read back for charts: a header and rows of
// text fields, quoted fields understood as RFC 4180 writes them.
#include <string>
#include <vector>

namespace buslab::plot {

struct CsvFile {
  std::string path;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;  // each as long as the header

  // The column's index, or npos.
  size_t column(const std::string& name) const;
};

// Throws PlotInputError naming the file (and the line) when it cannot be read, is empty, or a row has another
// number of fields than the header.
CsvFile read_csv_file(const std::string& path);

// A field as a number: false when it is not one whole (empty, "2ms", "1e3x").
bool parse_number(const std::string& text, double& value);

}  // namespace buslab::plot
