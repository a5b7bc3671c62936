// Time and size distributions: a single value (a constant) or an object with `dist` and its parameters.
#include <algorithm>

#include <fmt/format.h>

#include "sim/scenario/schema.hpp"
#include "sim/scenario/schema_table.hpp"

namespace buslab {
namespace {

const char* noun(QuantityOf quantity) {
  return quantity == QuantityOf::Time ? "time" : "size";
}

// One value of the distribution's quantity, >= 0 or > 0.
double read_value(const JsonReader& value, QuantityOf quantity, bool positive) {
  if (quantity == QuantityOf::Time)
    return value.time(positive ? JsonReader::Bound::AboveZero : JsonReader::Bound::AtLeastZero);
  const double bytes = value.size();
  if (positive && bytes <= 0) value.fail("a size > 0, like 2450 or \"4KiB\"");
  return bytes;
}

// The parameters each kind takes; any other parameter given is an error, not ignored.
const std::vector<std::string>& parameters_of(const std::string& kind) {
  static const std::map<std::string, std::vector<std::string>> parameters = {
      {"constant", {"value"}},          {"exponential", {"mean"}},         {"uniform", {"min", "max"}},
      {"lognormal", {"mean", "sigma"}}, {"empirical", {"data", "values"}},
  };
  return parameters.at(kind);
}

Distribution read_empirical(const JsonReader& dist, QuantityOf quantity) {
  const JsonReader data = dist.field("data");
  const JsonReader values = dist.field("values");
  if (data.present() && values.present()) values.forbid("give either \"data\" or \"values\", not both");
  if (data.present()) {
    // The builtin data sets are message sizes: a time distribution cannot draw from them.
    if (quantity == QuantityOf::Time) data.forbid("the builtin data sets are sizes; list times in \"values\"");
    data.one_of(distribution_table().choices("data"));
    return Distribution::empirical(nova_message_lengths());
  }
  if (!values.present())
    dist.fail(R"(an "empirical" distribution with "data" (a builtin data set) or "values" (a list))");
  std::vector<double> drawn;
  for (const auto& value : values.items(fmt::format("a non-empty list of {}s", noun(quantity)), true))
    drawn.push_back(read_value(value, quantity, false));
  return Distribution::empirical(std::move(drawn));
}

Distribution read_dist_object(const JsonReader& dist, QuantityOf quantity) {
  dist.expect_object(distribution_table().keys());
  const std::string kind = dist.field("dist").one_of(distribution_table().choices("dist"));
  for (const char* parameter : {"value", "mean", "min", "max", "sigma", "data", "values"}) {
    const auto& allowed = parameters_of(kind);
    if (std::find(allowed.begin(), allowed.end(), parameter) == allowed.end())
      dist.field(parameter).forbid(
          fmt::format("\"{}\" is not a parameter of the \"{}\" distribution", parameter, kind));
  }
  if (kind == "constant") return Distribution::constant(read_value(dist.field("value"), quantity, false));
  if (kind == "exponential") return Distribution::exponential(read_value(dist.field("mean"), quantity, true));
  if (kind == "uniform") {
    const double min = read_value(dist.field("min"), quantity, false);
    const double max = read_value(dist.field("max"), quantity, false);
    if (max < min)
      dist.field("max").fail(fmt::format("a {} >= min ({})", noun(quantity), render_found(&dist.field("min").value())));
    return Distribution::uniform(min, max);
  }
  if (kind == "lognormal") {
    const double mean = read_value(dist.field("mean"), quantity, true);
    return Distribution::lognormal(mean, dist.field("sigma").positive_number("a number > 0"));
  }
  return read_empirical(dist, quantity);
}

}  // namespace

Distribution read_distribution(const JsonReader& value, QuantityOf quantity) {
  if (value.present() && value.value().is_object()) return read_dist_object(value, quantity);
  // Strings and numbers are single values, and get the value's own message (a number where a time is due
  // says a unit is missing); anything else was neither a value nor a distribution.
  if (value.present() && (value.value().is_string() || value.value().is_number()))
    return Distribution::constant(read_value(value, quantity, false));
  value.fail(
      quantity == QuantityOf::Time
          ? R"(a time like "2ms" or a distribution like {"dist": "exponential", "mean": "2ms"})"
          : R"(a size like 2450 or "4KiB" or a distribution like {"dist": "uniform", "min": 100, "max": "4KiB"})");
}

}  // namespace buslab
