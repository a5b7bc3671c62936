#pragma once
// Text of the CSV files buslab writes (timeseries.csv, a sweep's results.csv and summary.csv, export --csv): fields
// quoted as RFC 4180 says, numbers in a form that reads back exactly; and a line read back into its fields.
#include <string>
#include <vector>

namespace buslab {

// A field, quoted when it holds a comma, a quote or a line break (a quote doubled inside).
std::string csv_field(const std::string& text);

// A number: whole numbers as integers ("11942"), others in their shortest exact form ("0.009045123").
std::string csv_number(double value);

// One line split into its fields, quoted ones unquoted ("" inside them a quote); false when a quote is left open.
bool split_csv_line(const std::string& line, std::vector<std::string>& fields);

}  // namespace buslab
