#pragma once
// SHA-256 (FIPS 180-4), for the scenario file's fingerprint in the outputs' provenance: whoever holds a
// metrics.json can tell whether a scenario file is the one that produced it. None of the libraries buslab
// already depends on has it, and it is 100 lines.
#include <string>
#include <string_view>

namespace buslab {

// The digest of `data` as 64 lower-case hex digits.
std::string sha256_hex(std::string_view data);

}  // namespace buslab
