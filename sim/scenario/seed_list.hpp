#pragma once
// Seed lists for replications: `--seeds 1-20`, `--seeds 1,3,7`, `--seeds 1-5,10-12`. Used by `buslab run` and by
// anything else that replicates runs.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace buslab {

// At most this many seeds in one list: far beyond any sensible replication count, low enough that a typo
// (`1-1000000000`) is refused instead of running for a week.
inline constexpr size_t kMaxSeeds = 10000;

struct SeedList {
  std::vector<uint64_t> seeds;  // in the order given, each once
  std::string error;            // non-empty: what was expected, e.g. `a seed list like "1-20" or "1,3,7", found "x"`
};

SeedList parse_seed_list(const std::string& text);

// A list written back compactly: {1, 2, 3, 7} -> "1-3,7".
std::string format_seed_list(const std::vector<uint64_t>& seeds);

}  // namespace buslab
