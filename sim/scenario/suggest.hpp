#pragma once
// "Did you mean" hints for misspelt keys, enum values and names, and the quoted lists shown with them.
#include <optional>
#include <string>
#include <vector>

namespace buslab {

// The candidate `word` was most likely meant to be, or nothing when none is close. Close means a few
// edits away (ignoring case; a swap of two neighbours is one edit) or `word` starting one candidate
// ("expo" -> "exponential"). Ties go to the earlier candidate, so hints are deterministic.
std::optional<std::string> closest_match(const std::string& word, const std::vector<std::string>& candidates);

// `"a", "b", "c"`; past `max_items`, the rest are summarised as `... (N more)`.
std::string quoted_list(const std::vector<std::string>& items, size_t max_items = 12);

// `word` as a JSON string literal: quoted, with escapes.
std::string json_quoted(const std::string& word);

}  // namespace buslab
