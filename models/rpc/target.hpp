#pragma once
// oslo.messaging's Target and a request as a caller issues it (docs/semantics.md 2.3, 2.10): where it goes (exchange,
// topic, server, fanout), what it asks for (namespace, version, method), how (call or cast, timeout, retries).
// `prepare()` in oslo narrows a target per call; here each request carries its own, already narrowed.
#include <string>

#include "models/core/distribution.hpp"
#include "models/core/message.hpp"

namespace buslab {

struct RpcTarget {
  std::string exchange;  // "" = the control exchange
  std::string topic;
  std::string server;   // "" = any server of the topic; "@selected": the server the previous call selected
  bool fanout = false;  // casts only: every server of the topic
  std::string name_space;
  std::string version;  // "" = none (the dispatcher reads 1.0)
};

inline constexpr const char* kSelectedServer = "@selected";

struct RpcRequestSpec {
  std::string service;  // the service that serves the topic (its replicas, its transport)
  RpcTarget target;
  std::string method;
  RpcMode mode = RpcMode::Call;
  double timeout = 60.0;
  Distribution args_bytes = Distribution::constant(1024);
  int retries = 0;           // a call that times out is sent again this many times (a new message: it may run twice)
  uint32_t service_row = 0;  // a nova heartbeat: the servicegroup row the handler writes (docs/semantics.md 3.1)
  // oslo's call_monitor_timeout (brokered calls; 0: none): the server sends a heartbeat every
  // floor(call_monitor_timeout) / 2 s while it runs the call, and the caller gives up when it has heard nothing
  // (no heartbeat, no reply) for this long.
  double call_monitor_timeout = 0.0;
};

}  // namespace buslab
