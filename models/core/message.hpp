#pragma once
// An application message as it travels: an RPC request or reply, with the AMQP properties the broker uses.
// Messages are what the ledger accounts for; protocol frames (acks, consumes) are not messages.
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "models/core/ids.hpp"

namespace buslab {

enum class MsgKind : uint8_t {
  Request,  // an RPC call or cast from a client
  Reply,    // the answer to a call
};

enum class RpcMode : uint8_t { Call, Cast };

// How a call ended for the server, carried back in the reply.
enum class ReplyStatus : uint8_t { Ok, NoSuchMethod, UnsupportedVersion, RemoteError };

// The oslo envelope reduced to what the model needs (docs/semantics.md 2.4).
struct RpcPayload {
  CallId call = 0;
  std::string method;
  std::string name_space;  // the target's namespace ("" = None)
  std::string version;     // the target's version ("" = none: 1.0)
  RpcMode mode = RpcMode::Call;
  NodeId client_node = kNoNode;  // the caller: direct replies go here
  LaneId client_lane = kNoLane;
  std::string reply_queue;   // brokered calls: the caller's reply queue
  double deadline = kNever;  // when the caller gives up
  uint64_t args_bytes = 0;   // payload before encoding (request: arguments, reply: result)
  ReplyStatus status = ReplyStatus::Ok;
  LaneId server_lane = kNoLane;       // replies: the server that ran it
  std::string selected;               // replies: a server the method selected (a scheduler's choice), if any
  uint8_t attempt = 0;                // which try of its call this is (a retry is a new request)
  uint32_t service_row = 0;           // a nova heartbeat (object_action saving a service): the row its handler writes
  double call_monitor_timeout = 0.0;  // requests: oslo's call_monitor_timeout, s (0: none)
  bool heartbeat = false;             // replies: a call-monitor heartbeat (no result; the call goes on)
};

using Headers = std::vector<std::pair<std::string, std::string>>;

// AMQP basic.publish properties (docs/semantics.md 1.2-1.4, 2.3).
struct AmqpProps {
  std::string exchange;
  std::string routing_key;
  Headers headers;
  bool persistent = false;
  bool mandatory = false;
  double expires_at = kNever;  // absolute time from the per-message TTL (`expiration`)
  bool redelivered = false;
};

struct Message {
  MsgId id = 0;
  MsgKind kind = MsgKind::Request;
  uint64_t wire_bytes = 0;  // encoded size on the wire
  double created_at = 0.0;
  RpcPayload rpc;
  AmqpProps amqp;
};

using MessagePtr = std::unique_ptr<Message>;

}  // namespace buslab
