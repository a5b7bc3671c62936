#pragma once
// labs/NN/README.claims: where each number of a lab manual's "What you should see" comes from, one line per number
// in the order the paragraph quotes them:
//
//   6,555 = prefetch-1/consumers/fast-1/handled
//   1,800 = mean(prefetch-1/consumers/slow-*/handled) ~100
//   9.7 s = max(unlimited/consumers/*/latency.p99)
//   10 s = unlimited/sim_time - unlimited/load_end ~1
//   128 = @2:nova-boot/queues/rabbit/scheduler/max_depth
//   41.0 = @4:brokered/clients/api/compute.add/latency.p99 in ms
//   1 = given  # seed 1
//
// A path is a `buslab check` metric path (docs/check.md), `*` matching any characters; by default it is read from
// the lab's run of its scenario (all variants), `@N:` from the outputs of the manual's N-th command. Functions
// mean, min, max, sum and count take the metrics a pattern matches, same their one value ("408 each": it fails
// when they differ), ci the half width of a replicated metric's 95% interval; + - * / combine terms (spaces around
// them). `~R` rounds the result to a multiple of R in the quoted number's unit, `in U` gives the unit of a number
// quoted without one, and `given` marks a number that is not a result (a seed, a setting of the scenario, an index):
// declared, not checked.
#include <functional>
#include <string>
#include <vector>

#include "sim/output/metric_paths.hpp"

namespace buslab::labs {

struct Claim {
  std::string text;  // the number as the manual quotes it
  std::string expr;  // where it comes from (without rounding and unit)
  double round_to = 0;
  std::string unit;  // `in U`
  bool given = false;
  int line = 0;
};

// Throws std::runtime_error naming the file and line of a malformed claim.
std::vector<Claim> parse_claims(const std::string& text, const std::string& file);

// The metrics of a source: 0 the lab's own run, N the outputs of the manual's N-th command.
using MetricSource = std::function<const std::vector<MetricPoint>&(int source)>;

// Evaluates an expression; throws std::runtime_error saying what is wrong with it (a path no metric matches,
// one that matches several outside a function, a bad token).
double evaluate(const std::string& expr, const MetricSource& metrics);

// The sources an expression reads (0 and the N of each @N:).
std::vector<int> sources_of(const std::string& expr);

}  // namespace buslab::labs
