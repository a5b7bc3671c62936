#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "models/broker/topic_pattern.hpp"

namespace buslab::broker {
namespace {

struct TopicCase {
  const char* binding_key;
  const char* routing_key;
  bool matches;
  const char* why;
};

// Sources: https://www.rabbitmq.com/docs/exchanges#topic, RabbitMQ tutorial five (Python), and
// rabbit_db_topic_exchange:split_topic_key/1 ("" has zero words; empty words between dots are words).
const TopicCase kTopicCases[] = {
    {"a.b.c", "a.b.c", true, "literal key matches itself"},
    {"a.b.c", "a.b", false, "literal key needs every word"},
    {"a.b", "a.b.c", false, "literal key matches no extra word"},
    {"a.b", "A.b", false, "words compare case-sensitively"},
    {"*", "a", true, "* matches one word"},
    {"*", "a.b", false, "* matches exactly one word, not two"},
    {"*", "", false, "* does not match the empty key (zero words)"},
    {"#", "", true, "# alone matches the empty key"},
    {"#", "a", true, "# alone matches one word"},
    {"#", "a.b.c", true, "# alone matches many words"},
    {"#", "..", true, "# alone matches empty words"},
    {"#", "#", true, "# matches a literal '#' word in a routing key"},
    {"", "", true, "empty binding key matches the empty routing key"},
    {"", "a", false, "empty binding key matches only the empty routing key"},
    {"a", "", false, "a literal word does not match the empty key"},
    {"a.#.b", "a.b", true, "# between words may match zero words"},
    {"a.#.b", "a.x.b", true, "# between words may match one word"},
    {"a.#.b", "a.x.y.b", true, "# between words may match several words"},
    {"a.#.b", "a.b.c", false, "a.#.b must end with b"},
    {"a.#.b", "a.b.b", true, "# may swallow a word equal to the next literal"},
    {"a.#.b", "b", false, "a.#.b must start with a"},
    {"#.#", "", true, "#.# matches the empty key"},
    {"#.#", "a", true, "#.# matches one word"},
    {"#.#", "a.b.c", true, "#.# matches many words"},
    {"a.#.#.b", "a.b", true, "consecutive # both match zero words"},
    {"#.a", "a", true, "leading # matches zero words"},
    {"a.#", "a", true, "trailing # matches zero words"},
    {"audit.events.#", "audit.events", true, "exchanges.md: audit.events.# matches audit.events"},
    {"audit.events.#", "audit.events.users.signup", true, "exchanges.md: deeper keys"},
    {"audit.events.#", "audit.users", false, "exchanges.md: second segment differs"},
    {"regions.na.cities.*", "regions.na.cities.toronto", true, "exchanges.md: * is one segment"},
    {"regions.na.cities.*", "regions.na.cities", false, "exchanges.md: * needs a segment"},
    {"*.orange.*", "quick.orange.rabbit", true, "tutorial five"},
    {"*.*.rabbit", "lazy.pink.rabbit", true, "tutorial five"},
    {"lazy.#", "lazy.pink.rabbit", true, "tutorial five"},
    {"*.orange.*", "quick.orange.male.rabbit", false, "tutorial five: four words vs three"},
    {"lazy.#", "lazy.orange.male.rabbit", true, "tutorial five: four words match lazy.#"},
    {"*.*.rabbit", "orange", false, "tutorial five: one word"},
    {"a.*.b", "a..b", true, "an empty word between dots is a word that * matches"},
    {"a..b", "a..b", true, "empty words compare like any other word"},
    {"a.b", "a..b", false, "a..b has three words"},
    {"a.#.b", "a..b", true, "# absorbs an empty word"},
    {"*", ".", false, "'.' is two empty words"},
    {"*.*", ".", true, "'.' is two empty words"},
    {"a.*", "a.", true, "a trailing dot adds an empty word"},
    {"a", "a.", false, "a. has two words"},
    {"*.#", "", false, "*.# needs at least one word"},
    {"*.#", "a", true, "*.# matches one word"},
    {"#.*", "", false, "#.* needs at least one word"},
    {"#.*.#", "a", true, "#.*.# matches one word"},
    {"a*", "ab", false, "a partial-word * is a literal character"},
    {"a*", "a*", true, "a partial-word * matches itself literally"},
    {"#x", "a", false, "a partial-word # is a literal character"},
    {"#.b.#.c", "x.b.y.z.c", true, "two # need backtracking"},
    {"#.b.#.c", "x.b.y.z.c.d", false, "must end with c"},
    {"#.a.b", "a.a.b", true, "# must absorb the first a"},
    {"#.a.b", "a.b.a.b", true, "# absorbs a.b"},
    {"#.a.b", "a.b.a", false, "must end with a.b"},
    {"*.a.#.a", "x.a.a", true, "* then a then # (zero) then a"},
};

TEST(TopicPattern, MatchesTheDocumentedEdgeCases) {
  for (const TopicCase& c : kTopicCases) {
    EXPECT_EQ(TopicPattern(c.binding_key).matches(c.routing_key), c.matches)
        << "binding '" << c.binding_key << "' vs routing key '" << c.routing_key << "': " << c.why;
  }
}

TEST(TopicPattern, LiteralOnlyWhenNoWholeWordWildcard) {
  EXPECT_TRUE(TopicPattern("compute.host17").is_literal());
  EXPECT_TRUE(TopicPattern("").is_literal());
  EXPECT_TRUE(TopicPattern("a*.#b").is_literal()) << "partial-word wildcards are literal characters";
  EXPECT_FALSE(TopicPattern("compute.*").is_literal());
  EXPECT_FALSE(TopicPattern("#").is_literal());
  EXPECT_FALSE(TopicPattern("a.#.b").is_literal());
}

// RabbitMQ's word split: "" is zero words, otherwise split on every '.'.
std::vector<std::string> split_words(const std::string& key) {
  std::vector<std::string> words;
  if (key.empty()) return words;
  std::string::size_type start = 0;
  while (true) {
    const auto dot = key.find('.', start);
    words.push_back(key.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (dot == std::string::npos) return words;
    start = dot + 1;
  }
}

// Straightforward recursive definition, used as the oracle.
bool reference_match(const std::vector<std::string>& p, std::size_t i, const std::vector<std::string>& k,
                     std::size_t j) {
  if (i == p.size()) return j == k.size();
  if (p[i] == "#") {
    for (std::size_t skip = j; skip <= k.size(); ++skip)
      if (reference_match(p, i + 1, k, skip)) return true;
    return false;
  }
  if (j == k.size()) return false;
  return (p[i] == "*" || p[i] == k[j]) && reference_match(p, i + 1, k, j + 1);
}

std::string join(const std::vector<std::string>& words) {
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) out += (i ? "." : "") + words[i];
  return out;
}

// Every key of 0..max_words words over `alphabet`.
std::vector<std::string> all_keys(const std::vector<std::string>& alphabet, std::size_t max_words) {
  std::vector<std::string> keys;
  std::vector<std::string> words;
  std::function<void()> grow = [&] {
    keys.push_back(join(words));
    if (words.size() == max_words) return;
    for (const auto& w : alphabet) {
      words.push_back(w);
      grow();
      words.pop_back();
    }
  };
  grow();
  return keys;
}

TEST(TopicPattern, AgreesWithReferenceOnAllSmallPatternsAndKeys) {
  const auto patterns = all_keys({"a", "b", "", "*", "#"}, 4);
  const auto keys = all_keys({"a", "b", ""}, 4);
  int disagreements = 0;
  for (const auto& pattern : patterns) {
    const TopicPattern compiled(pattern);
    const auto pattern_words = split_words(pattern);
    for (const auto& key : keys) {
      const bool expected = reference_match(pattern_words, 0, split_words(key), 0);
      if (compiled.matches(key) != expected && ++disagreements <= 10) {
        ADD_FAILURE() << "binding '" << pattern << "' vs routing key '" << key << "': expected " << expected;
      }
    }
  }
  EXPECT_EQ(disagreements, 0);
}

}  // namespace
}  // namespace buslab::broker
