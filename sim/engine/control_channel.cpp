#include "sim/engine/control_channel.hpp"

#include <simgrid/s4u.hpp>

#include "sim/engine/run_control.hpp"
#include "sim/engine/simgrid_runtime.hpp"

namespace buslab {

namespace sg4 = simgrid::s4u;

SimgridControlChannel::SimgridControlChannel(World& world, RunControl& control) : world_(world), control_(control) {}

void SimgridControlChannel::post(NodeId target, EnvelopePtr env, double at) {
  env->to_node = target;
  env->hop = HopKind::Local;
  world_.quiescence.frame_sent();
  sg4::Host* host = sg4::Host::by_name(world_.directory.host(target));
  sg4::Actor::create(
      "control", host, [frame = std::shared_ptr<Envelope>(std::move(env)), at, target, &control = control_]() mutable {
        // A frame not handed over when the run stops stays counted as in flight (the event was still pending).
        if (!control.sleep_until(at)) return;
        auto* raw = new Envelope(std::move(*frame));
        raw->sent_at = sg4::Engine::get_clock();
        SimgridProcess::mailbox_of(target)->put_init(raw, 0)->detach([](void* p) { delete static_cast<Envelope*>(p); });
      });
}

}  // namespace buslab
