#pragma once
// Identifiers shared by the models, the runtime and the outputs.
#include <cstdint>
#include <limits>

namespace buslab {

using NodeId = uint32_t;  // a simulated process (client, server, broker): index in the run's node table
using LaneId = int32_t;   // a lane of the trace (host, client, server, broker, exchange, queue)
using MsgId = uint64_t;   // a message tracked by the ledger; 0 = a protocol frame, not a message
using CallId = uint64_t;  // an RPC call (or cast); 0 = none

inline constexpr NodeId kNoNode = std::numeric_limits<NodeId>::max();
inline constexpr LaneId kNoLane = -1;
inline constexpr double kNever = std::numeric_limits<double>::infinity();

}  // namespace buslab
