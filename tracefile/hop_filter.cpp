#include "tracefile/hop_filter.hpp"

#include <algorithm>
#include <cctype>
#include <sstream>

#include <fmt/format.h>

namespace buslab::tracefile {

namespace {

std::string lower(std::string s) {
  for (char& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

bool contains(const std::string& haystack_lower, const std::string& needle_lower) {
  return haystack_lower.find(needle_lower) != std::string::npos;
}

bool starts_with(const std::string& text_lower, const std::string& prefix_lower) {
  return text_lower.compare(0, prefix_lower.size(), prefix_lower) == 0;
}

bool parse_id(const std::string& text, uint64_t& id) {
  if (text.empty() || text.size() > 19 || !std::all_of(text.begin(), text.end(), ::isdigit)) return false;
  id = std::stoull(text);
  return true;
}

}  // namespace

bool HopFilter::parse(const std::string& text, std::string& error) {
  std::vector<Term> terms;
  std::istringstream words(text);
  std::string word;
  while (words >> word) {
    Term term;
    if (word[0] == '-' && word.size() > 1) {
      term.negated = true;
      word = word.substr(1);
    }
    const size_t colon = word.find(':');
    std::string value = word;
    if (colon != std::string::npos) {
      const std::string key = lower(word.substr(0, colon));
      value = word.substr(colon + 1);
      static const std::pair<const char*, Key> keys[] = {
          {"client", Key::Client}, {"server", Key::Server}, {"lane", Key::Lane}, {"method", Key::Method},
          {"kind", Key::Kind},     {"status", Key::Status}, {"call", Key::Call}};
      const auto it = std::find_if(std::begin(keys), std::end(keys), [&](const auto& k) { return key == k.first; });
      if (it == std::end(keys)) {
        error = fmt::format("unknown key \"{}:\" (use client, server, lane, method, kind, status or call)", key);
        return false;
      }
      term.key = it->second;
    }
    std::string alternative;
    std::istringstream alternatives(value);
    while (std::getline(alternatives, alternative, ','))
      if (!alternative.empty()) term.values.push_back(lower(alternative));
    if (term.values.empty()) continue;  // "kind:" while typing
    if (term.key == Key::Call) {
      for (const auto& v : term.values) {
        uint64_t id = 0;
        if (!parse_id(v, id)) {
          error = fmt::format("call:{}: a call id is a number", v);
          return false;
        }
      }
    }
    terms.push_back(std::move(term));
  }
  terms_ = std::move(terms);
  trace_ = nullptr;
  error.clear();
  return true;
}

void HopFilter::bind(const Trace& trace, const TraceIndex& index) {
  trace_ = &trace;
  index_ = &index;
  std::vector<std::string> lane_names, methods, kinds, statuses;
  for (const Lane& lane : trace.lanes) lane_names.push_back(lower(lane.name));
  for (const auto& m : trace.methods.names()) methods.push_back(lower(m));
  for (const auto& k : trace.hop_kinds.names()) kinds.push_back(lower(k));
  for (const auto& s : trace.hop_statuses.names()) statuses.push_back(lower(s));
  const auto mark = [](const std::vector<std::string>& names, const std::vector<std::string>& values, bool prefix) {
    std::vector<uint8_t> ok(names.size(), 0);
    for (size_t i = 0; i < names.size(); ++i)
      for (const auto& v : values)
        if (prefix ? starts_with(names[i], v) : contains(names[i], v)) ok[i] = 1;
    return ok;
  };
  for (Term& term : terms_) {
    term.lane_ok = mark(lane_names, term.values, false);
    if (term.key == Key::Client || term.key == Key::Server) {
      const LaneKind wanted = term.key == Key::Client ? LaneKind::Client : LaneKind::Server;
      for (size_t l = 0; l < trace.lanes.size(); ++l)
        if (trace.lanes[l].kind != wanted) term.lane_ok[l] = 0;
    }
    term.method_ok = mark(methods, term.values, false);
    term.kind_ok = mark(kinds, term.values, term.key == Key::Kind);
    term.status_ok = mark(statuses, term.values, true);
    term.calls.clear();
    for (const auto& v : term.values) {
      uint64_t id = 0;
      if (parse_id(v, id)) term.calls.push_back(id);
    }
  }
}

bool HopFilter::term_matches(const Term& term, size_t hop) const {
  const Hops& h = trace_->hops;
  const auto lane_ok = [&](int lane) { return lane >= 0 && term.lane_ok[static_cast<size_t>(lane)] != 0; };
  const auto call_ok = [&] { return std::find(term.calls.begin(), term.calls.end(), h.call[hop]) != term.calls.end(); };
  // The call's client or server lane, for hops that do not touch it (a route inside the broker).
  const auto call_lane = [&](bool client) {
    if (!h.call[hop]) return -1;
    const long row = index_->call_row(h.call[hop]);
    if (row < 0) return -1;
    return client ? trace_->calls.client[static_cast<size_t>(row)] : trace_->calls.server[static_cast<size_t>(row)];
  };
  switch (term.key) {
    case Key::Any:
      return lane_ok(h.from[hop]) || lane_ok(h.to[hop]) || term.method_ok[h.method[hop]] || term.kind_ok[h.kind[hop]] ||
             call_ok();
    case Key::Client:
    case Key::Server:
      return lane_ok(h.from[hop]) || lane_ok(h.to[hop]) || lane_ok(call_lane(term.key == Key::Client));
    case Key::Lane:
      return lane_ok(h.from[hop]) || lane_ok(h.to[hop]);
    case Key::Method:
      return term.method_ok[h.method[hop]] != 0;
    case Key::Kind:
      return term.kind_ok[h.kind[hop]] != 0;
    case Key::Status:
      return term.status_ok[h.status[hop]] != 0;
    case Key::Call:
      return call_ok();
  }
  return false;
}

bool HopFilter::matches(size_t hop) const {
  if (!trace_) return true;
  for (const Term& term : terms_)
    if (term_matches(term, hop) == term.negated) return false;
  return true;
}

std::vector<uint32_t> HopFilter::select() const {
  std::vector<uint32_t> out;
  if (!trace_) return out;
  for (size_t i = 0; i < trace_->hops.size(); ++i)
    if (matches(i)) out.push_back(static_cast<uint32_t>(i));
  return out;
}

}  // namespace buslab::tracefile
