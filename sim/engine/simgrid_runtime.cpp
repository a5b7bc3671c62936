#include "sim/engine/simgrid_runtime.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>

#include <fmt/format.h>

#include "sim/engine/run_control.hpp"

namespace buslab {

namespace sg4 = simgrid::s4u;

namespace {

std::vector<sg4::Mailbox*> g_mailboxes;
World* g_active_world = nullptr;
bool g_stopped = false;
std::string g_run_error;
// Below this many cancelled timers a process never compacts its timer heap: not worth a pass.
constexpr size_t kCompactAtLeast = 64;

// Called by SimGrid when a detached transfer fails (a link or host on its route went down) or is destroyed
// unreceived at the end of the run.
void on_transfer_dropped(void* payload) {
  std::unique_ptr<Envelope> env(static_cast<Envelope*>(payload));
  // Once the run is stopped, a frame still on its way is only freed: it was in flight at the end, and the ledger
  // reports its message there.
  if (g_active_world == nullptr || g_stopped) return;
  account_lost_frame(*g_active_world, *env, LossCause::Network, std::numeric_limits<double>::quiet_NaN());
}

void free_frame(void* payload) {
  delete static_cast<Envelope*>(payload);
}

}  // namespace

void set_active_world(World* world) {
  g_active_world = world;
  g_stopped = false;
}

void set_run_error(const std::string& error) {
  g_run_error = error;
}

const std::string& run_error() {
  return g_run_error;
}

sg4::Mailbox* SimgridProcess::mailbox_of(NodeId id) {
  while (g_mailboxes.size() <= id)
    g_mailboxes.push_back(sg4::Mailbox::by_name("node:" + std::to_string(g_mailboxes.size())));
  return g_mailboxes[id];
}

SimgridProcess::SimgridProcess(World& world, NodeId id, Node& node, sg4::Host* host, RunControl& control)
    : world_(world), id_(id), node_(node), host_(host), inbox_(mailbox_of(id)), control_(control) {}

void SimgridProcess::spawn() {
  sg4::Actor::create(world_.directory.name(id_), host_, [this] { run(); });
}

void stop_processes(const std::vector<std::unique_ptr<SimgridProcess>>& processes) {
  g_stopped = true;
  std::map<sg4::Host*, std::vector<NodeId>> by_host;
  for (NodeId id = 0; id < processes.size(); ++id) by_host[processes[id]->host()].push_back(id);
  for (auto& [host, ids] : by_host)
    sg4::Actor::create("stop", host, [ids = std::move(ids)] {
      for (NodeId id : ids) {
        EnvelopePtr stop = local_frame(Frame::Stop);
        stop->to_node = id;
        stop->sent_at = sg4::Engine::get_clock();
        SimgridProcess::mailbox_of(id)->put_init(stop.release(), 0)->detach(free_frame);
      }
    });
}

double SimgridProcess::now() const {
  return sg4::Engine::get_clock();
}

double SimgridProcess::core_speed() const {
  return host_->get_speed();
}

void SimgridProcess::send(EnvelopePtr env) {
  stamp_sent(world_, id_, *env, now());
  const uint64_t bytes = env->bytes;
  sg4::Mailbox* to = mailbox_of(env->to_node);
  to->put_init(env.release(), bytes)->detach(on_transfer_dropped);
}

void SimgridProcess::start_work(double flops, uint64_t tag) {
  if (flops <= 0.0) {
    finished_tags_.push_back(tag);
    return;
  }
  if (own_cores_ > 0) {
    // What SimGrid would compute (a whole core, as fast as the host's cores), without an execution to start and
    // wait for: a brokered call's four broker operations were four of its 13 SimGrid activities. One piece more
    // than the model promised would have shared a core: a bug, loudly.
    if (own_running_ == own_cores_)
      throw std::logic_error(
          fmt::format("started more than the {} pieces of CPU work at once it was given cores for", own_cores_));
    ++own_running_;
    timers_.push_back(Timer{now() + flops / core_speed(), next_timer_++, tag, true});
    std::push_heap(timers_.begin(), timers_.end(), std::greater<>());
    return;
  }
  sg4::ExecPtr exec = sg4::this_actor::exec_init(flops);
  exec->start();
  works_.push_back(Work{exec, tag});
}

void SimgridProcess::start_disk_write(uint64_t bytes, uint64_t tag) {
  const std::vector<sg4::Disk*> disks = host_->get_disks();
  if (disks.empty()) throw std::logic_error("no disk on host " + host_->get_name());
  sg4::IoPtr io = disks.front()->write_async(bytes);
  works_.push_back(Work{io, tag});
}

TimerId SimgridProcess::set_timer(double at, uint64_t tag) {
  const TimerId id = next_timer_++;
  timers_.push_back(Timer{at, id, tag});
  std::push_heap(timers_.begin(), timers_.end(), std::greater<>());
  return id;
}

void SimgridProcess::cancel_timer(TimerId id) {
  // Lazy cancellation: the entry stays in the heap and is skipped when it comes up (a call's timeout, cancelled
  // by its reply, would otherwise cost a heap removal per call)...
  cancelled_timers_.insert(id);
  // ...until the cancelled entries are more than half of the heap: a closed loop cancels a timeout per call, due
  // a whole timeout later (60 s by default), and at thousands of calls per second the dead ones would pile up.
  if (cancelled_timers_.size() >= kCompactAtLeast && 2 * cancelled_timers_.size() > timers_.size()) compact_timers();
}

void SimgridProcess::compact_timers() {
  std::erase_if(timers_, [this](const Timer& timer) { return cancelled_timers_.count(timer.id) > 0; });
  std::make_heap(timers_.begin(), timers_.end(), std::greater<>());
  // Every cancelled id still in the heap is gone now; the others (cancelled after they fired) never come up.
  cancelled_timers_.clear();
}

void SimgridProcess::cancel_all() {
  for (auto& work : works_) work.activity->cancel();
  works_.clear();
  finished_tags_.clear();
  timers_.clear();
  own_running_ = 0;
  cancelled_timers_.clear();
}

void SimgridProcess::run_due_events() {
  // Timers due now and zero-length work fire before the next wait, in a fixed order: work first, then timers.
  for (;;) {
    if (!finished_tags_.empty()) {
      const uint64_t tag = finished_tags_.front();
      finished_tags_.erase(finished_tags_.begin());
      node_.on_work_done(*this, tag);
      continue;
    }
    if (!timers_.empty() && timers_.front().at <= now()) {
      std::pop_heap(timers_.begin(), timers_.end(), std::greater<>());
      const Timer timer = timers_.back();
      timers_.pop_back();
      if (cancelled_timers_.erase(timer.id) > 0) continue;
      if (timer.work) {
        --own_running_;
        node_.on_work_done(*this, timer.tag);
      } else {
        node_.on_timer(*this, timer.tag);
      }
      continue;
    }
    return;
  }
}

bool SimgridProcess::handle_frame(Envelope* raw) {
  std::unique_ptr<Envelope> env(raw);
  if (env->frame == Frame::Stop) return false;
  deliver_frame(world_, id_, node_, *this, *env);
  return true;
}

void SimgridProcess::stop_activities() {
  for (auto& work : works_) work.activity->cancel();
  works_.clear();
  if (pending_get_) {
    pending_get_->cancel();
    pending_get_ = nullptr;
  }
  activities_.clear();
  finished_tags_.clear();
  timers_.clear();
  own_running_ = 0;
  cancelled_timers_.clear();
}

void SimgridProcess::run() {
  try {
    loop();
  } catch (const std::exception& e) {
    // A model broke one of its rules. Stop the whole simulation (its outputs could not be trusted): this process
    // ends here, the controller stops the others.
    if (g_run_error.empty()) g_run_error = fmt::format("{} at t={}: {}", world_.directory.name(id_), now(), e.what());
    control_.request_stop();
  }
  stop_activities();
}

void SimgridProcess::loop() {
  inbox_->set_receiver(sg4::Actor::self());
  node_.on_start(*this);
  for (;;) {
    run_due_events();
    control_.notify_if_idle();
    if (!pending_get_) pending_get_ = inbox_->get_async<Envelope>(&received_);
    activities_.clear();
    activities_.push_back(pending_get_);
    for (const auto& work : works_) activities_.push_back(work.activity);
    double timeout = -1.0;
    if (!timers_.empty()) timeout = std::max(0.0, timers_.front().at - now());
    ssize_t index;
    try {
      index = sg4::Activity::wait_any_for(activities_, timeout);
    } catch (const simgrid::NetworkFailureException&) {
      // The transfer matched with our receive failed on the way; on_transfer_dropped accounted for it.
      pending_get_ = nullptr;
      continue;
    }
    if (index < 0) {
      // A timer is due. wait_any_for may wake a hair before the computed date: catch up exactly.
      if (!timers_.empty() && timers_.front().at > now()) sg4::this_actor::sleep_until(timers_.front().at);
      continue;
    }
    if (index == 0) {
      pending_get_ = nullptr;
      Envelope* env = received_;
      received_ = nullptr;
      if (!handle_frame(env)) return;  // the run is over
      continue;
    }
    const uint64_t tag = works_[index - 1].tag;
    works_.erase(works_.begin() + (index - 1));
    node_.on_work_done(*this, tag);
  }
}

}  // namespace buslab
