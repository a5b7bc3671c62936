#include "sim/scenario/seed_list.hpp"

#include <charconv>
#include <set>

#include <fmt/format.h>

namespace buslab {

namespace {

std::optional<uint64_t> parse_seed(const std::string& text) {
  uint64_t value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

}  // namespace

SeedList parse_seed_list(const std::string& text) {
  SeedList out;
  const auto fail = [&](const std::string& why) {
    out.seeds.clear();
    out.error = fmt::format("expected a seed list like \"1-20\", \"1,3,7\" or \"1-5,10\", found \"{}\"{}", text, why);
    return out;
  };
  std::set<uint64_t> seen;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t comma = text.find(',', start);
    const std::string item = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    const size_t dash = item.find('-');
    const auto first = parse_seed(dash == std::string::npos ? item : item.substr(0, dash));
    const auto last = dash == std::string::npos ? first : parse_seed(item.substr(dash + 1));
    if (!first || !last) return fail("");
    if (*last < *first) return fail(fmt::format(" ({}-{} ends before it starts)", *first, *last));
    if (*last - *first >= kMaxSeeds) return fail(fmt::format(" (more than {} seeds)", kMaxSeeds));
    for (uint64_t s = *first;; ++s) {
      if (!seen.insert(s).second) return fail(fmt::format(" (seed {} twice)", s));
      out.seeds.push_back(s);
      if (out.seeds.size() > kMaxSeeds) return fail(fmt::format(" (more than {} seeds)", kMaxSeeds));
      if (s == *last) break;
    }
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

std::string format_seed_list(const std::vector<uint64_t>& seeds) {
  std::string out;
  for (size_t i = 0; i < seeds.size();) {
    size_t j = i;
    while (j + 1 < seeds.size() && seeds[j + 1] == seeds[j] + 1) ++j;
    if (!out.empty()) out += ',';
    out += j > i ? fmt::format("{}-{}", seeds[i], seeds[j]) : fmt::format("{}", seeds[i]);
    i = j + 1;
  }
  return out;
}

}  // namespace buslab
