// Name bookkeeping shared by the section readers: uniqueness and replica names.
#include <fmt/format.h>

#include "sim/schema.hpp"
#include "sim/suggest.hpp"

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

std::string replica_range(const std::string& service, int count) {
  if (count == 1) return json_quoted(replica_name(service, 1));
  return fmt::format("{} to {}", json_quoted(replica_name(service, 1)), json_quoted(replica_name(service, count)));
}

}  // namespace buslab
