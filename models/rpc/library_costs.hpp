#pragma once
// What the RPC library of a process costs per message, beside its codec (docs/profiles.md `client`, `server`,
// `direct`): oslo.messaging with kombu and py-amqp for brokered services, a direct protocol's stack (HTTP server,
// ZeroMQ sockets) otherwise. Seconds on the profile's reference core; models turn them into flops with a
// CostMeter.
#include "models/core/software_cost.hpp"

namespace buslab {

// The calling side, per service called.
struct CallerCosts {
  SoftwareCost send_call;      // publishing (or writing) a call's request, before its encoding
  SoftwareCost send_cast;      // the same for a cast
  SoftwareCost receive_reply;  // taking a reply in (oslo's reply waiter), before its decoding
};

// The serving side.
struct ServerCosts {
  SoftwareCost receive;   // taking a request in (oslo's poll thread; a direct stack's whole per-call cost)
  SoftwareCost dispatch;  // handing it to the endpoint
  SoftwareCost reply;     // sending a call's reply, before its encoding
};

}  // namespace buslab
