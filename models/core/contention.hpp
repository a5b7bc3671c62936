#pragma once
// Contention: what a message's software costs grows by when more processes share a host's cores than shared the
// cores of the machine a profile was measured on (docs/profiles.md `contention`). Context switches, caches gone
// cold and lost batching make each message dearer: the recording's CPU per oslo call grew by 42% from 3 to 6
// processes on 2 cores. A host's load is L = processes deployed on it / its cores, fixed for a deployment; each
// software cost charged there (library, broker, codec; not a method's own service time) is multiplied by
//
//   factor(L) = 1 + coefficient x (min(L, max_processes_per_core) - reference_processes_per_core) ^ exponent
//
// when L exceeds the reference, and by 1 otherwise: the profile's costs were measured at the reference load, and
// beyond the largest measured load the factor stays at its value there (no extrapolation). Calls and casts have
// their own coefficient and exponent, because the recording says they grow differently.
#include <cstdint>

#include "models/core/message.hpp"

namespace buslab {

// Which of a profile's contention laws a cost follows: the messages of a call (its request, its reply and their
// broker operations), or one-way messages (casts, notifications, raw AMQP publishes).
enum class CostOp : uint8_t { Call, Cast };

struct ContentionLaw {
  double coefficient = 0.0;  // the factor's growth: 0 for none
  double exponent = 1.0;     // > 0: below 1 the growth comes early and saturates, above 1 it comes late
};

struct Contention {
  double reference_processes_per_core = 1.0;  // the load the profile's costs were measured at (factor 1)
  double max_processes_per_core = 1.0;        // the largest load measured: the factor stays there beyond it
  ContentionLaw call;
  ContentionLaw cast;
};

// The factors of one process, from its host's load.
struct ContentionFactors {
  double call = 1.0;
  double cast = 1.0;
  double of(CostOp op) const { return op == CostOp::Call ? call : cast; }
};

// factor(L) above, for `processes` on `cores` (cores >= 1).
double contention_factor(const Contention& model, const ContentionLaw& law, int processes, int cores);
ContentionFactors contention_factors(const Contention& model, int processes, int cores);

// A message belongs to a call when it is an RPC call's request or a reply; anything else is one-way.
CostOp cost_op_of(const Message& message);

}  // namespace buslab
