#pragma once
// What a fuzz target does when an input breaks a rule: print the rule and the message, and abort, so that
// libFuzzer (or the standalone driver) keeps the input as a crash.
#include <cstdio>
#include <cstdlib>
#include <string>

namespace buslab::fuzz {

[[noreturn]] inline void fail(const std::string& rule, const std::string& detail) {
  std::fprintf(stderr, "\nbuslab fuzz: %s\n  %s\n", rule.c_str(), detail.c_str());
  std::fflush(stderr);
  std::abort();
}

inline bool starts_with(const std::string& text, const std::string& prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

}  // namespace buslab::fuzz
