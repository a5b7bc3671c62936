#include "sim/scenario/suggest.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace buslab {
namespace {

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps cost 1.
size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t substitution = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + substitution});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.size()][b.size()];
}

}  // namespace

std::optional<std::string> closest_match(const std::string& word, const std::vector<std::string>& candidates) {
  const std::string needle = lower(word);
  // Long inputs (a pasted blob) are never a typo of a short name; this also bounds the quadratic cost.
  if (needle.empty() || needle.size() > 64) return std::nullopt;
  const std::string* best = nullptr;
  size_t best_distance = 0;
  for (const auto& candidate : candidates) {
    const std::string target = lower(candidate);
    // Up to a third of the candidate's letters may be wrong, at least one, at most three.
    const size_t allowed = std::clamp<size_t>(target.size() / 3, 1, 3);
    const size_t distance = edit_distance(needle, target);
    if (distance <= allowed && (best == nullptr || distance < best_distance)) {
      best = &candidate;
      best_distance = distance;
    }
  }
  if (best != nullptr) return *best;
  if (needle.size() >= 3)
    for (const auto& candidate : candidates)
      if (lower(candidate).rfind(needle, 0) == 0) return candidate;
  return std::nullopt;
}

std::string quoted_list(const std::vector<std::string>& items, size_t max_items) {
  std::string out;
  const size_t shown = std::min(items.size(), max_items);
  for (size_t i = 0; i < shown; ++i) out += (i == 0 ? "" : ", ") + json_quoted(items[i]);
  if (items.size() > shown) out += fmt::format(", ... ({} more)", items.size() - shown);
  return out;
}

std::string json_quoted(const std::string& word) {
  // dump() throws on invalid UTF-8 unless told to replace it; names come from parsed JSON (valid UTF-8) but
  // override paths come from the command line.
  return nlohmann::json(word).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace buslab
