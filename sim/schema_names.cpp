// Name bookkeeping shared by the section readers: uniqueness and replica names.
#include <fmt/format.h>

#include "sim/schema.hpp"

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

}  // namespace buslab
