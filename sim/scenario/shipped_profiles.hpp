#pragma once
// The cost profiles of data/profiles/, built into the binary (cmake/ShippedProfiles.cmake), in file-name order.
#include <string>
#include <vector>

namespace buslab {

struct ShippedProfile {
  const char* name;  // the file name without .json
  const char* text;  // the file's JSON
};

const std::vector<ShippedProfile>& shipped_profiles();

}  // namespace buslab
