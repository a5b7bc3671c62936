#include "sim/engine/control_channel.hpp"

#include <simgrid/s4u.hpp>

#include "sim/engine/simgrid_runtime.hpp"

namespace buslab {

namespace sg4 = simgrid::s4u;

SimgridControlChannel::SimgridControlChannel(World& world) : world_(world) {}

void SimgridControlChannel::post(NodeId target, EnvelopePtr env, double at) {
  env->to_node = target;
  env->hop = HopKind::Local;
  world_.quiescence.frame_sent();
  sg4::Host* host = sg4::Host::by_name(world_.directory.host(target));
  Envelope* raw = env.release();
  sg4::Actor::create("control", host, [raw, at, target] {
    if (at > sg4::Engine::get_clock()) sg4::this_actor::sleep_until(at);
    raw->sent_at = sg4::Engine::get_clock();
    SimgridProcess::mailbox_of(target)->put_init(raw, 0)->detach([](void* p) { delete static_cast<Envelope*>(p); });
  })->daemonize();
}

}  // namespace buslab
