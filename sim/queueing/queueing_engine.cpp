#include "sim/queueing/queueing_engine.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include <fmt/format.h>

#include "sim/deploy/frame_delivery.hpp"

namespace buslab::queueing {

namespace {

constexpr uint64_t kSlotMask = 0xffffffffULL;
constexpr uint64_t kTickEvery = 1 << 16;

Envelope* envelope_of(const Event& e) {
  return reinterpret_cast<Envelope*>(static_cast<uintptr_t>(e.data));
}

}  // namespace

// A node's Runtime: its calls go to the engine with the node's id.
class QueueingEngine::Process final : public Runtime {
 public:
  Process(QueueingEngine& engine, NodeId id) : engine_(engine), id_(id) {}
  double now() const override { return engine_.now_; }
  void send(EnvelopePtr env) override { engine_.send(id_, std::move(env)); }
  void start_work(double flops, uint64_t tag) override { engine_.start_work(id_, flops, tag); }
  void start_disk_write(uint64_t bytes, uint64_t tag) override { engine_.start_disk_write(id_, bytes, tag); }
  TimerId set_timer(double at, uint64_t tag) override { return engine_.set_timer(id_, at, tag); }
  void cancel_timer(TimerId id) override { engine_.cancel_timer(id_, id); }
  void cancel_all() override { engine_.cancel_all(id_); }
  double core_speed() const override { return engine_.core_speed(id_); }

 private:
  QueueingEngine& engine_;
  NodeId id_;
};

QueueingEngine::QueueingEngine(World& world, const PlatformSpec& platform) : world_(world), network_(platform) {
  for (const auto& h : platform.hosts) {
    host_index_[h.name] = static_cast<uint32_t>(servers_.size());
    servers_.push_back(Server{PsServer(h.cores, h.speed)});
    host_speed_.push_back(h.speed);
    disk_of_host_.push_back(-1);
  }
}

QueueingEngine::~QueueingEngine() {
  // Frames still on their way when the run ended are only freed: the ledger reports their messages in flight.
  for (const Event& e : queue_.events())
    if (e.kind == EventKind::Deliver || e.kind == EventKind::Lost) delete envelope_of(e);
}

uint32_t QueueingEngine::host_index(const std::string& host) const {
  auto it = host_index_.find(host);
  if (it == host_index_.end()) throw std::logic_error("queueing engine: no host " + host);
  return it->second;
}

void QueueingEngine::add_process(NodeId id, Node& node, const std::string& host) {
  if (id != nodes_.size()) throw std::logic_error("queueing engine: node ids out of step");
  NodeSlot slot;
  slot.node = &node;
  slot.runtime = std::make_unique<Process>(*this, id);
  slot.host = host_index(host);
  nodes_.push_back(std::move(slot));
  if (started_) queue_.push(now_, EventKind::Start, id, 0);
}

void QueueingEngine::start_all() {
  started_ = true;
  for (NodeId id = 0; id < nodes_.size(); ++id) queue_.push(now_, EventKind::Start, id, 0);
}

void QueueingEngine::stop_all() {
  stopped_ = true;
}

void QueueingEngine::add_disk(const std::string& host, double write_bandwidth) {
  const uint32_t h = host_index(host);
  if (disk_of_host_[h] >= 0) return;
  disk_of_host_[h] = static_cast<int32_t>(servers_.size());
  servers_.push_back(Server{PsServer(1, write_bandwidth)});
}

double QueueingEngine::core_speed(NodeId node) const {
  return host_speed_[nodes_[node].host];
}

// --- what the runtimes ask -------------------------------------------------------------------------------------

void QueueingEngine::send(NodeId from, EnvelopePtr env) {
  stamp_sent(world_, from, *env, now_);
  const uint32_t from_host = nodes_[from].host;
  const uint32_t to_host = nodes_[env->to_node].host;
  const uint64_t bytes = env->bytes;
  Envelope* raw = env.release();
  if (from_host != to_host && (!network_.host_up(from_host) || !network_.host_up(to_host))) {
    // Sent over a link that is down: it fails at once (accounted as an event of its own, after the sender's).
    queue_.push(now_, EventKind::Lost, raw->to_node, reinterpret_cast<uintptr_t>(raw));
    return;
  }
  const double alone = now_ + network_.transfer_time(from_host, to_host, bytes);
  // Behind the frame sent before it on its connection: pushed after it, it is handed over after it at a tie too.
  queue_.push(fifo_.arrival(*raw, now_, alone), EventKind::Deliver, raw->to_node, reinterpret_cast<uintptr_t>(raw));
}

void QueueingEngine::post(NodeId target, EnvelopePtr env, double at) {
  // A local event: no network, delivered even while the host's link is down.
  env->to_node = target;
  env->hop = HopKind::Local;
  world_.quiescence.frame_sent();
  const double when = std::max(at, now_);
  env->sent_at = when;
  queue_.push(when, EventKind::Deliver, target, reinterpret_cast<uintptr_t>(env.release()));
}

void QueueingEngine::start_work(NodeId node, double flops, uint64_t tag) {
  if (flops <= 0.0) {
    nodes_[node].finished.push_back(tag);
    return;
  }
  const uint32_t s = nodes_[node].host;
  servers_[s].ps.add(now_, flops, node, tag);
  if (!servers_[s].dirty) {
    servers_[s].dirty = true;
    dirty_servers_.push_back(s);
  }
}

void QueueingEngine::start_disk_write(NodeId node, uint64_t bytes, uint64_t tag) {
  const int32_t disk = disk_of_host_[nodes_[node].host];
  if (disk < 0) throw std::logic_error("no disk on host " + world_.directory.host(node));
  if (bytes == 0) {
    nodes_[node].finished.push_back(tag);
    return;
  }
  const auto s = static_cast<uint32_t>(disk);
  servers_[s].ps.add(now_, static_cast<double>(bytes), node, tag);
  if (!servers_[s].dirty) {
    servers_[s].dirty = true;
    dirty_servers_.push_back(s);
  }
}

TimerId QueueingEngine::set_timer(NodeId node, double at, uint64_t tag) {
  uint32_t slot;
  if (!free_timers_.empty()) {
    slot = free_timers_.back();
    free_timers_.pop_back();
  } else {
    slot = static_cast<uint32_t>(timers_.size());
    timers_.push_back(TimerSlot{});
  }
  TimerSlot& t = timers_[slot];
  t.node = node;
  t.life = nodes_[node].life;
  t.tag = tag;
  ++nodes_[node].live_timers;
  const uint64_t id = (static_cast<uint64_t>(t.generation) << 32) | slot;
  queue_.push(std::max(at, now_), EventKind::Timer, node, id);
  return id;
}

void QueueingEngine::free_timer(uint32_t slot) {
  // A generation of 0 is never used, so that no TimerId is 0 (the models' "no timer").
  if (++timers_[slot].generation == 0) timers_[slot].generation = 1;
  free_timers_.push_back(slot);
}

void QueueingEngine::cancel_timer(NodeId node, TimerId id) {
  const auto slot = static_cast<uint32_t>(id & kSlotMask);
  const auto generation = static_cast<uint32_t>(id >> 32);
  if (slot >= timers_.size()) return;
  TimerSlot& t = timers_[slot];
  // A timer that already fired, or was forgotten by cancel_all, is no longer this one: nothing to do.
  if (t.generation != generation || t.node != node || t.life != nodes_[node].life) return;
  free_timer(slot);
  --nodes_[node].live_timers;
  queue_.count_dead();
}

void QueueingEngine::cancel_all(NodeId node) {
  NodeSlot& n = nodes_[node];
  ++n.life;
  for (uint32_t i = 0; i < n.live_timers; ++i) queue_.count_dead();
  n.live_timers = 0;
  n.finished.clear();
  std::vector<uint32_t> servers = {n.host};
  if (disk_of_host_[n.host] >= 0) servers.push_back(static_cast<uint32_t>(disk_of_host_[n.host]));
  for (uint32_t s : servers) {
    servers_[s].ps.remove_owner(now_, node);
    if (!servers_[s].dirty) {
      servers_[s].dirty = true;
      dirty_servers_.push_back(s);
    }
  }
}

// --- faults ------------------------------------------------------------------------------------------------------

void QueueingEngine::schedule_fault(double at, size_t index) {
  queue_.push(at, EventKind::Fault, 0, index);
}

void QueueingEngine::set_host_link(const std::string& host, bool up) {
  const uint32_t h = host_index(host);
  network_.set_host_up(h, up);
  if (up) return;
  // Every transfer crossing the host's link fails now, in the order they would have arrived.
  std::vector<Event*> crossing;
  for (Event& e : queue_.events()) {
    if (e.kind != EventKind::Deliver) continue;
    const Envelope* env = envelope_of(e);
    if (env->hop == HopKind::Local || env->from_node >= nodes_.size()) continue;
    const uint32_t from = nodes_[env->from_node].host;
    const uint32_t to = nodes_[env->to_node].host;
    if (from != to && (from == h || to == h)) crossing.push_back(&e);
  }
  std::sort(crossing.begin(), crossing.end(),
            [](const Event* a, const Event* b) { return a->t < b->t || (a->t == b->t && a->seq < b->seq); });
  for (Event* e : crossing) {
    std::unique_ptr<Envelope> env(envelope_of(*e));
    account_lost_frame(world_, *env, LossCause::Network, std::numeric_limits<double>::quiet_NaN());
    e->kind = EventKind::Void;
    e->data = 0;
    queue_.count_dead();
  }
  fifo_.forget_if([&](NodeId from, NodeId to) {
    const uint32_t from_host = nodes_[from].host, to_host = nodes_[to].host;
    return from_host != to_host && (from_host == h || to_host == h);
  });
}

void QueueingEngine::set_shared_link(const std::string& link, bool) {
  throw std::logic_error("the queueing engine has no shared link " + link + " (validation refuses link faults)");
}

// --- the loop ----------------------------------------------------------------------------------------------------

bool QueueingEngine::alive(const Event& e) {
  switch (e.kind) {
    case EventKind::Timer: {
      const auto slot = static_cast<uint32_t>(e.data & kSlotMask);
      TimerSlot& t = timers_[slot];
      if (t.generation != static_cast<uint32_t>(e.data >> 32)) return false;  // cancelled
      if (t.life != nodes_[t.node].life) {
        free_timer(slot);  // its node's cancel_all forgot it
        return false;
      }
      return true;
    }
    case EventKind::Server:
      return servers_[e.node].generation == static_cast<uint32_t>(e.data);
    case EventKind::Void:
      return false;
    default:
      return true;
  }
}

void QueueingEngine::compact_if_needed() {
  if (queue_.should_compact()) queue_.compact([this](const Event& e) { return alive(e); });
}

void QueueingEngine::fail(uint32_t node, const std::exception& e) {
  if (!error_.empty()) return;
  const std::string who = node < nodes_.size() ? world_.directory.name(node) : std::string("faults");
  error_ = fmt::format("{} at t={}: {}", who, now_, e.what());
}

bool QueueingEngine::step(const Event& e) {
  if (!alive(e)) {
    queue_.uncount_dead();
    return true;
  }
  now_ = e.t;
  ++events_;
  try {
    dispatch(e);
  } catch (const std::exception& ex) {
    fail(e.kind == EventKind::Fault ? std::numeric_limits<uint32_t>::max() : e.node, ex);
    return false;
  }
  if (tick_ && (events_ % kTickEvery) == 0) tick_();
  compact_if_needed();
  return true;
}

void QueueingEngine::dispatch(const Event& e) {
  switch (e.kind) {
    case EventKind::Start: {
      NodeSlot& n = nodes_[e.node];
      n.node->on_start(*n.runtime);
      settle(e.node);
      return;
    }
    case EventKind::Deliver: {
      std::unique_ptr<Envelope> env(envelope_of(e));
      NodeSlot& n = nodes_[e.node];
      deliver_frame(world_, e.node, *n.node, *n.runtime, *env);
      settle(e.node);
      return;
    }
    case EventKind::Lost: {
      std::unique_ptr<Envelope> env(envelope_of(e));
      account_lost_frame(world_, *env, LossCause::Network, std::numeric_limits<double>::quiet_NaN());
      return;
    }
    case EventKind::Timer:
      handle_timer(e);
      return;
    case EventKind::Server:
      handle_server(e);
      return;
    case EventKind::Fault:
      if (apply_fault_) apply_fault_(static_cast<size_t>(e.data));
      settle(std::numeric_limits<uint32_t>::max());
      return;
    case EventKind::Void:
      return;
  }
}

void QueueingEngine::handle_timer(const Event& e) {
  const auto slot = static_cast<uint32_t>(e.data & kSlotMask);
  const uint64_t tag = timers_[slot].tag;
  free_timer(slot);
  NodeSlot& n = nodes_[e.node];
  --n.live_timers;
  n.node->on_timer(*n.runtime, tag);
  settle(e.node);
}

void QueueingEngine::handle_server(const Event& e) {
  Server& server = servers_[e.node];
  server.scheduled = -1.0;
  ++server.generation;
  // done_ is reused; the handlers below may start jobs on this server, which only mark it dirty.
  std::vector<PsServer::Job> done;
  done.swap(done_);
  server.ps.take_done(now_, done);
  if (!servers_[e.node].dirty) {
    servers_[e.node].dirty = true;
    dirty_servers_.push_back(e.node);
  }
  for (const PsServer::Job& job : done) {
    NodeSlot& n = nodes_[job.owner];
    n.node->on_work_done(*n.runtime, job.tag);
    settle(job.owner);
  }
  done.swap(done_);
  settle(std::numeric_limits<uint32_t>::max());
}

void QueueingEngine::settle(uint32_t node) {
  if (node < nodes_.size()) {
    NodeSlot& n = nodes_[node];
    // Zero-length work ends right after the event that started it, in start order (SimGrid's run_due_events).
    for (size_t i = 0; i < n.finished.size(); ++i) {
      const uint64_t tag = n.finished[i];
      n.node->on_work_done(*n.runtime, tag);
    }
    n.finished.clear();
  }
  for (uint32_t s : dirty_servers_) reschedule(s);
  dirty_servers_.clear();
}

void QueueingEngine::reschedule(uint32_t s) {
  Server& server = servers_[s];
  server.dirty = false;
  const double next = server.ps.next_completion();
  if (server.scheduled >= 0) {
    // The scheduled completion still holds when only later-ending jobs came (the rate did not change).
    if (std::isfinite(next) && std::abs(next - server.scheduled) <= 1e-12 * std::max(1.0, next)) return;
    ++server.generation;
    queue_.count_dead();
    server.scheduled = -1.0;
  }
  if (!std::isfinite(next)) return;
  server.scheduled = next;
  queue_.push(next, EventKind::Server, s, server.generation);
}

bool QueueingEngine::run_until(double until) {
  while (!queue_.empty() && error_.empty()) {
    const Event& top = queue_.top();
    if (!(top.t < until || (top.t == until && top.kind == EventKind::Fault))) break;
    if (!step(queue_.pop())) return false;
  }
  if (!error_.empty()) return false;
  now_ = std::max(now_, until);
  return true;
}

bool QueueingEngine::run_while_not(double deadline, const std::function<bool()>& done) {
  if (done()) return true;
  while (!queue_.empty() && queue_.top().t <= deadline) {
    if (!step(queue_.pop())) return false;
    if (done()) return true;
  }
  now_ = std::max(now_, deadline);
  return false;
}

}  // namespace buslab::queueing
