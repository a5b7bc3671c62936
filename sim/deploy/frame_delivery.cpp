#include "sim/deploy/frame_delivery.hpp"

namespace buslab {

namespace {

// A frame that carries its message's ownership: counted in flight as a message too (World::quiescence).
bool carries_own_message(const Envelope& env) {
  return env.owns_message && env.message != nullptr;
}

}  // namespace

void stamp_sent(World& world, NodeId from, Envelope& env, double now) {
  env.from_node = from;
  env.from_epoch = world.directory.epoch(from);
  env.sent_at = now;
  if (!env.to_connection) env.to_epoch = world.directory.epoch(env.to_node);
  world.quiescence.frame_sent();
  if (carries_own_message(env)) world.quiescence.message_sent();
}

void deliver_frame(World& world, NodeId id, Node& node, Runtime& rt, Envelope& env) {
  if ((env.hop != HopKind::Local || env.to_connection) && env.to_epoch != world.directory.epoch(id)) {
    // Sent to an earlier incarnation of this process: its connection died with it. (Local events reach whichever
    // incarnation is there, unless they are news of one connection: a broker's death noticed at a heartbeat
    // timeout.)
    account_lost_frame(world, env, LossCause::ProcessCrash, rt.now());
    return;
  }
  world.quiescence.frame_done();
  if (carries_own_message(env)) world.quiescence.message_done();
  const TraceLog::HopHeader header = world.trace.header(env);
  // A kill (or its host going down) may take messages with it: the trace says how many, on the process's lane.
  const uint64_t lost_before = world.ledger.lost_count();
  node.on_frame(rt, env);
  world.trace.hop(header, env, rt.now());
  if (env.frame == Frame::Kill && world.ledger.lost_count() > lost_before)
    world.trace.event(rt.now(), world.directory.lane(id), EventType::Lost,
                      static_cast<double>(world.ledger.lost_count() - lost_before));
}

void account_lost_frame(World& world, Envelope& env, LossCause cause, double t_recv) {
  world.quiescence.frame_done();
  if (carries_own_message(env)) world.quiescence.message_done();
  env.status = HopStatus::Lost;
  world.trace.hop(env, t_recv);
  if (env.owns_message && env.message && world.ledger.is_live(env.message->id))
    world.ledger.lose(env.message->id, cause);
}

}  // namespace buslab
