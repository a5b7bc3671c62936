#pragma once
// The message log's text filter. Terms separated by spaces must all match; a term is a word, matched against the
// hop's lanes, method, kind and call id, or key:value with key one of client, server, lane, method, kind, status,
// call; commas give alternatives ("kind:reply,delivery"); a leading '-' negates a term. Names match by substring,
// ignoring case; kind and status by prefix; call ids exactly.
#include <cstdint>
#include <string>
#include <vector>

#include "tracefile/trace_index.hpp"
#include "tracefile/trace_model.hpp"

namespace buslab::tracefile {

class HopFilter {
 public:
  // Returns false, with a message, when the text cannot be understood (an unknown key, a bad call id).
  bool parse(const std::string& text, std::string& error);
  bool empty() const { return terms_.empty(); }

  // Resolves names against one trace; call before matches().
  void bind(const Trace& trace, const TraceIndex& index);
  bool matches(size_t hop) const;
  // Every matching hop, in hop (time) order.
  std::vector<uint32_t> select() const;

 private:
  enum class Key { Any, Client, Server, Lane, Method, Kind, Status, Call };
  struct Term {
    Key key = Key::Any;
    bool negated = false;
    std::vector<std::string> values;  // lower case
    // Bound to a trace:
    std::vector<uint8_t> lane_ok, method_ok, kind_ok, status_ok;
    std::vector<uint64_t> calls;
  };
  bool term_matches(const Term& term, size_t hop) const;

  std::vector<Term> terms_;
  const Trace* trace_ = nullptr;
  const TraceIndex* index_ = nullptr;
};

}  // namespace buslab::tracefile
