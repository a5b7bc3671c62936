#pragma once
// What every engine does with a frame, apart from moving it: stamping it when it leaves, handing it to its node when
// it arrives (or losing it when it was sent to an earlier incarnation of that process), and accounting for one lost
// on the way. The engines differ only in how a frame gets from one to the other.
#include "models/core/runtime.hpp"
#include "models/world/world.hpp"

namespace buslab {

// A frame leaves node `from` at `now`: it is addressed to the current incarnation of its destination (unless its
// sender named the incarnation, Envelope::to_connection) and counted in flight until it is handed over or lost.
void stamp_sent(World& world, NodeId from, Envelope& env, double now);

// A frame reached node `id` (its runtime `rt`) at `rt.now()`: handed to the node and traced, or lost when it was sent
// to an earlier incarnation of the process (its connection died with it).
void deliver_frame(World& world, NodeId id, Node& node, Runtime& rt, Envelope& env);

// A frame lost on the wire (a link or host went down) or at a dead process's door: traced as lost, and the message it
// carried, if the frame carried its ownership, is accounted as lost.
void account_lost_frame(World& world, Envelope& env, LossCause cause, double t_recv);

}  // namespace buslab
