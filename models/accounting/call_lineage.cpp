#include "models/accounting/call_lineage.hpp"

#include <algorithm>
#include <set>

#include "models/accounting/trace_log.hpp"

namespace buslab {

namespace {

// How metrics.json names a method: "<service>.<method>", or "<method>" when the service is unknown.
std::string method_key(const std::string& service, const std::string& method) {
  return service.empty() ? method : service + "." + method;
}

}  // namespace

void CallTally::begin(CallId call, CallId parent, const std::string& service, const std::string& method, RpcMode mode,
                      double t) {
  MethodCalls& m = methods_[method_key(service, method)];
  m.service = service;
  m.method = method;
  m.mode = mode;
  ++m.calls;
  OpenCall c;
  c.method = &m;
  c.t_start = t;
  if (parent == 0) {
    ++m.roots;
    c.root = call;
    trees_.emplace(call, Tree{0, t, t, &m});
  } else {
    nested_ = true;
    c.root = root_of(parent);
  }
  if (c.root != 0) {
    Tree& tree = trees_.at(c.root);
    ++tree.open;
    tree.last = std::max(tree.last, t);
  }
  open_.emplace(call, c);
}

void CallTally::end(CallId call, double t, CallOutcome outcome) {
  auto it = open_.find(call);
  if (it == open_.end()) return;
  OpenCall& c = it->second;
  MethodCalls& m = *c.method;
  switch (outcome) {
    case CallOutcome::Ok:
      ++m.ok;
      m.latency.add(t - c.t_start);
      break;
    case CallOutcome::Sent:
      ++m.ok;
      c.cast_sent = c.wait_run = m.mode == RpcMode::Cast;
      break;
    case CallOutcome::Confirmed:
      // A cast that waited for the broker's confirm: its round trip is its latency, as metrics.json's clients have
      // it; its tree still waits for the run it asked for.
      ++m.ok;
      m.latency.add(t - c.t_start);
      c.cast_sent = c.wait_run = true;
      break;
    case CallOutcome::Timeout:
      ++m.timed_out;
      c.wait_run = true;
      break;
    case CallOutcome::Error:
      ++m.failed;
      break;
    case CallOutcome::Pending:
      return;
  }
  c.ended = true;
  settle(call, c, t);
}

void CallTally::ran(CallId call, double t) {
  auto it = open_.find(call);
  if (it == open_.end()) return;
  OpenCall& c = it->second;
  c.ran = true;
  settle(call, c, t);
}

CallId CallTally::root_of(CallId call) const {
  auto it = open_.find(call);
  return it == open_.end() ? 0 : it->second.root;
}

void CallTally::settle(CallId call, OpenCall& c, double t) {
  if (c.root != 0) {
    Tree& tree = trees_.at(c.root);
    tree.last = std::max(tree.last, t);
  }
  close_if_done(call, c);
}

void CallTally::close_if_done(CallId call, OpenCall& c) {
  if (!c.ended || (c.wait_run && !c.ran)) return;
  const CallId root = c.root;
  open_.erase(call);
  if (root == 0) return;
  auto tree = trees_.find(root);
  if (--tree->second.open > 0) return;
  tree->second.method->end_to_end.add(tree->second.last - tree->second.t_start);
  trees_.erase(tree);
}

std::map<std::string, MethodCalls> CallTally::by_method() const {
  std::map<std::string, MethodCalls> out = methods_;
  std::set<CallId> unfinished;
  for (const auto& [call, c] : open_)
    if (c.root != 0 && (!c.ended || c.cast_sent)) unfinished.insert(c.root);
  std::map<CallId, const Tree*> ending;  // by root, so that samples go in a fixed order
  for (const auto& [root, tree] : trees_)
    if (!unfinished.count(root)) ending.emplace(root, &tree);
  for (const auto& [root, tree] : ending) {
    const MethodCalls& m = *tree->method;
    out.at(method_key(m.service, m.method)).end_to_end.add(tree->last - tree->t_start);
  }
  return out;
}

}  // namespace buslab
