#include "models/broker/topic_pattern.hpp"

#include <cstddef>

namespace buslab::broker {
namespace {

// Walks the words of a key without splitting it into strings. A position is the offset of a word's first
// character; `end()` (= size + 1) means "after the last word". The empty key starts at end(): zero words.
class WordCursor {
 public:
  explicit WordCursor(std::string_view key) : key_(key) {}
  std::size_t begin() const { return key_.empty() ? end() : 0; }
  std::size_t end() const { return key_.size() + 1; }
  std::size_t next(std::size_t pos) const {
    const std::size_t dot = key_.find('.', pos);
    return dot == std::string_view::npos ? end() : dot + 1;
  }
  std::string_view word(std::size_t pos) const {
    const std::size_t dot = key_.find('.', pos);
    return key_.substr(pos, dot == std::string_view::npos ? std::string_view::npos : dot - pos);
  }

 private:
  std::string_view key_;
};

}  // namespace

TopicPattern::TopicPattern(std::string_view binding_key) {
  const WordCursor cursor(binding_key);
  for (std::size_t pos = cursor.begin(); pos != cursor.end(); pos = cursor.next(pos)) {
    const std::string_view word = cursor.word(pos);
    if (word == "#") {
      words_.push_back({WordKind::Hash, {}});
      literal_ = false;
    } else if (word == "*") {
      words_.push_back({WordKind::Star, {}});
      literal_ = false;
    } else {
      words_.push_back({WordKind::Literal, std::string(word)});
    }
  }
}

// Word-level glob matching: `#` plays the role of a glob `*` (any run of words, possibly empty) and `*` that
// of a glob `?` (one word). The classic greedy algorithm with a single backtrack point (the latest `#`) is
// exact for such patterns and runs in O(pattern words x key words) worst case, linear in the common cases.
bool TopicPattern::matches(std::string_view routing_key) const {
  const WordCursor key(routing_key);
  const std::size_t n = words_.size();
  constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  std::size_t pi = 0;                 // next pattern word
  std::size_t kp = key.begin();       // next key word
  std::size_t hash_pi = kNone;        // pattern index of the latest `#` seen
  std::size_t hash_kp = key.begin();  // key position that `#` currently absorbs up to
  while (kp != key.end()) {
    if (pi < n && words_[pi].kind == WordKind::Hash) {
      hash_pi = pi++;
      hash_kp = kp;  // first try: `#` absorbs zero words
    } else if (pi < n && (words_[pi].kind == WordKind::Star || words_[pi].text == key.word(kp))) {
      ++pi;
      kp = key.next(kp);
    } else if (hash_pi != kNone) {
      pi = hash_pi + 1;  // let the latest `#` absorb one more word and retry
      hash_kp = key.next(hash_kp);
      kp = hash_kp;
    } else {
      return false;
    }
  }
  while (pi < n && words_[pi].kind == WordKind::Hash) ++pi;  // trailing `#`s match zero words
  return pi == n;
}

bool topic_matches(std::string_view binding_key, std::string_view routing_key) {
  return TopicPattern(binding_key).matches(routing_key);
}

}  // namespace buslab::broker
