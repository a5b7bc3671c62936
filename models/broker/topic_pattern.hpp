#pragma once
// Topic exchange binding keys ("patterns") and how they match routing keys.
//
// Rules (https://www.rabbitmq.com/docs/exchanges#topic, tutorial five): keys are split into words on '.';
// in a binding key the word `*` matches exactly one word and `#` matches zero or more words. Only a whole
// word is a wildcard ("a*" or "#x" are literal words).
//
// Edge cases follow RabbitMQ's implementation (rabbit_db_topic_exchange:split_topic_key/1, which the trie
// uses for both binding and routing keys):
//   - the empty key "" has ZERO words, so `#` matches it, `*` does not, and binding key "" matches only "";
//   - any other key has (number of dots + 1) words, empty ones included: "a..b" is [a, "", b], "." is two
//     empty words, "a." is [a, ""]. Empty words are ordinary words: `*` matches one, `a.*.b` matches "a..b";
//   - `#` may stand for zero words anywhere: `a.#.b` matches "a.b", `#.a` matches "a", `#.#` matches "".
#include <string>
#include <string_view>
#include <vector>

namespace buslab::broker {

class TopicPattern {
 public:
  explicit TopicPattern(std::string_view binding_key);

  // True when `routing_key` matches this pattern. Allocation-free.
  bool matches(std::string_view routing_key) const;
  // True when the pattern has no `*` or `#` word: it then matches exactly the routing key equal to it as a
  // string (splitting is injective), so it can be looked up in a hash table instead of being scanned.
  bool is_literal() const { return literal_; }

 private:
  enum class WordKind : unsigned char { Literal, Star, Hash };
  struct Word {
    WordKind kind;
    std::string text;  // for Literal words
  };
  std::vector<Word> words_;
  bool literal_ = true;
};

// One-shot form of TopicPattern(binding_key).matches(routing_key).
bool topic_matches(std::string_view binding_key, std::string_view routing_key);

}  // namespace buslab::broker
