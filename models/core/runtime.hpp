#pragma once
// The contract between a model (a Node: client, server, broker) and whatever runs it: the SimGrid actor in
// sim/engine/simgrid_runtime.cpp, or a hand-driven fake in unit tests. A node reacts to events and asks its runtime
// to send, compute and wait; it never blocks.
#include <cstdint>
#include <optional>

#include "models/core/envelope.hpp"

namespace buslab {

using TimerId = uint64_t;

class Runtime {
 public:
  virtual ~Runtime() = default;
  // Simulated time, seconds.
  virtual double now() const = 0;
  // Sends `env` over the network to env->to_node (size env->bytes); returns at once.
  virtual void send(EnvelopePtr env) = 0;
  // Runs `flops` of CPU work on this node's host; Node::on_work_done(tag) follows when it ends.
  virtual void start_work(double flops, uint64_t tag) = 0;
  // Writes `bytes` to this node's host disk; Node::on_work_done(tag) follows when the write is done.
  virtual void start_disk_write(uint64_t bytes, uint64_t tag) = 0;
  // Node::on_timer(tag) at time `at`.
  virtual TimerId set_timer(double at, uint64_t tag) = 0;
  virtual void cancel_timer(TimerId id) = 0;
  // Forgets every pending work and timer of this node: the process died.
  virtual void cancel_all() = 0;
  // Speed of one core of this node's host, flop/s.
  virtual double core_speed() const = 0;
};

class Node {
 public:
  virtual ~Node() = default;
  // The process starts (at time 0, or when restarted).
  virtual void on_start(Runtime& rt) = 0;
  // A frame arrived. The envelope stays the runtime's: take `env.message` to keep it, set `env.status` to
  // Dropped when discarding it.
  virtual void on_frame(Runtime& rt, Envelope& env) = 0;
  virtual void on_work_done(Runtime& rt, uint64_t tag) = 0;
  virtual void on_timer(Runtime& rt, uint64_t tag) = 0;
  // The most pieces of CPU work (Runtime::start_work) this process ever runs at once, whatever happens to it; none
  // when nothing bounds them. Where the bounds of a host's processes add up to no more than its cores, no piece
  // ever waits for a core, and an engine may time them without a model of the host's CPU (ProcessHost::own_cores).
  virtual std::optional<int> cpu_work_at_most() const { return std::nullopt; }
};

}  // namespace buslab
