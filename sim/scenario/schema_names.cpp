// Name bookkeeping shared by the section readers: uniqueness and replica names.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "sim/scenario/schema.hpp"
#include "sim/scenario/suggest.hpp"

namespace buslab {

void UniqueNames::claim(const JsonReader& name_field, const std::string& name, const std::string& owner_path) {
  const auto [it, inserted] = owners_.emplace(name, owner_path);
  if (!inserted) name_field.fail(fmt::format("a unique {} name", kind_), it->second + " already has it");
}

std::vector<std::string> replica_names(const std::string& service, int count) {
  std::vector<std::string> names;
  names.reserve(count);
  for (int i = 1; i <= count; ++i) names.push_back(replica_name(service, i));
  return names;
}

long replica_index(const std::string& name, const std::string& service) {
  const std::string prefix = service + "-";
  // Up to 9 digits: no overflow, and far beyond kMaxInstances.
  if (name.size() <= prefix.size() || name.size() > prefix.size() + 9 || name.compare(0, prefix.size(), prefix) != 0)
    return 0;
  long index = 0;
  for (size_t k = prefix.size(); k < name.size(); ++k) {
    if (name[k] < '0' || name[k] > '9') return 0;
    index = index * 10 + (name[k] - '0');
  }
  // "compute-01" is not a replica name: only the canonical spelling is.
  return replica_name(service, static_cast<int>(index)) == name ? index : 0;
}

std::vector<std::string> replica_names(const ServiceSpec& service, int count) {
  std::vector<std::string> names;
  names.reserve(count);
  for (int i = 1; i <= count; ++i) names.push_back(replica_name(service, i));
  return names;
}

long replica_index(const std::string& name, const ServiceSpec& service) {
  for (size_t k = 0; k < service.replica_names.size(); ++k)
    if (service.replica_names[k] == name) return static_cast<long>(k + 1);
  const long index = replica_index(name, service.name);
  // "<service>-1" is not a name when the first replica has a name of its own.
  return index > static_cast<long>(service.replica_names.size()) ? index : 0;
}

std::string replica_range(const ServiceSpec& service, int count) {
  std::vector<std::string> parts;
  const int named = std::min(count, static_cast<int>(service.replica_names.size()));
  for (int i = 1; i <= named; ++i) parts.push_back(json_quoted(replica_name(service, i)));
  if (count == named + 1) parts.push_back(json_quoted(replica_name(service, count)));
  if (count > named + 1)
    parts.push_back(fmt::format("{} to {}", json_quoted(replica_name(service, named + 1)),
                                json_quoted(replica_name(service, count))));
  return fmt::format("{}", fmt::join(parts, ", "));
}

}  // namespace buslab
