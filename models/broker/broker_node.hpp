#pragma once
// A message broker process (RabbitMQ as docs/semantics.md section 1 describes it). It routes each publish through
// exchanges into queues, pushes deliveries to consumers round-robin within their prefetch windows, applies the
// queues' policies (TTL, length limits, dead-lettering, expiry, auto-delete, exclusivity), confirms publishes,
// writes persistent messages to disk, blocks publishers when its memory alarm goes off, and spends CPU on its
// host for every publish, route, delivery and acknowledgement, so it can saturate. When it dies, transient
// messages and queues are lost; durable queues keep the persistent messages already written to disk.
//
// The class is split over three files: broker_node.cpp (frames, CPU jobs, crash and restart),
// broker_publish.cpp (routing, enqueueing, dead-lettering, confirms, disk), broker_queues.cpp (queue life
// cycle, consumers, dispatch, timers).
#include <deque>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "models/broker/broker_costs.hpp"
#include "models/broker/queue.hpp"
#include "models/broker/router.hpp"
#include "models/core/amqp_declarations.hpp"
#include "models/core/dense_map.hpp"
#include "models/core/runtime.hpp"
#include "models/core/software_cost.hpp"
#include "models/core/tags.hpp"
#include "models/process/process_life.hpp"
#include "models/world/world.hpp"

namespace buslab {

struct BrokerConfig {
  std::string name;
  std::string host;
  LaneId lane = kNoLane;
  int cores = 1;      // CPU jobs run at once
  BrokerCosts costs;  // CPU per operation

  double reference_flops = 1e9;        // flops per second of cost
  bool jitter = false;                 // draw each operation's cost around its mean (seeded)
  ContentionFactors contention;        // its host's (models/core/contention.hpp)
  uint64_t memory_high_watermark = 0;  // bytes; 0: no memory alarm
  double heartbeat_timeout = 60.0;
  bool has_disk = false;  // its host has a disk for persistent messages
  // Declared at boot (and again at each restart for the durable ones).
  std::vector<broker::ExchangeDecl> exchanges;
  std::vector<broker::QueueDecl> queues;
  struct ExchangeBinding {
    std::string source, destination, key;
    broker::Headers arguments;
  };
  std::vector<ExchangeBinding> exchange_bindings;
};

class BrokerNode final : public Node {
 public:
  BrokerNode(World& world, NodeId self, BrokerConfig config);
  // One job per core (run_jobs).
  std::optional<int> cpu_work_at_most() const override { return config_.cores; }

  // Before the run: a process already connected when the run starts (it declared its exchanges and queues and
  // consumes them, as if it had started earlier).
  void connect_at_start(NodeId peer, const std::vector<broker::ExchangeDecl>& exchanges,
                        const std::vector<broker::QueueDecl>& queues = {});
  void consume_at_start(const broker::ConsumeSpec& spec, NodeId consumer, LaneId lane);

  LaneId exchange_lane(const std::string& exchange);
  LaneId queue_lane(const std::string& queue);

  void on_start(Runtime& rt) override;
  void on_frame(Runtime& rt, Envelope& env) override;
  void on_work_done(Runtime& rt, uint64_t tag) override;
  void on_timer(Runtime& rt, uint64_t tag) override;
  // End of run: messages whose TTL has passed count as expired; the rest is reported as remaining.
  void finish(double now);

  bool alive() const { return life_.alive(); }
  const BrokerConfig& config() const { return config_; }
  // For the end-of-run conservation check: messages held in queues (ready, unacknowledged) and not yet routed.
  uint64_t ready_messages() const;
  uint64_t unacked_messages() const;
  uint64_t unrouted_messages() const;
  // Appends the ids of the deliveries it keeps until acknowledged, and of those without acknowledgement not yet
  // sent (for the end-of-run census: they count as the broker's unless a consumer holds them).
  void delivery_copies(std::vector<MsgId>& ids) const;
  // The enqueue order of queue `queue`'s ready messages (empty when it does not exist), for FIFO checks.
  std::vector<uint64_t> ready_order(const std::string& queue) const;

 private:
  enum class JobKind : uint8_t { Publish, Deliver, Ack, Reject };
  struct Job {
    JobKind kind = JobKind::Publish;
    double flops = 0.0;
    MessagePtr message;                          // Publish
    NodeId publisher = kNoNode;                  // Publish
    LaneId from_lane = kNoLane;                  // Publish: the publisher
    uint64_t publish_seq = 0;                    // Publish: > 0 when the publisher wants a confirm
    broker::QueueId queue = 0;                   // Deliver, Ack, Reject
    std::unique_ptr<broker::Delivery> delivery;  // Deliver
    uint64_t tag = 0;                            // Ack, Reject
    bool requeue = false;                        // Reject
  };
  struct QueueSlot {
    std::unique_ptr<broker::Queue> queue;
    QueueStats* stats = nullptr;
    NodeId owner = kNoNode;  // exclusive queues: the connection that owns it (process and incarnation)
    uint32_t owner_epoch = 0;
    double ttl_timer_at = kNever;  // the head-expiry timer set, if any
    TimerId expiry_timer = 0;      // x-expires timer, 0 when none
  };
  // A publish waiting for its confirm: its disk writes, and whether a queue refused it.
  struct PendingConfirm {
    NodeId publisher = kNoNode;
    LaneId lane = kNoLane;
    uint64_t seq = 0;
    int writes_left = 0;
    bool nack = false;
  };

  // broker_node.cpp
  // A publish job for the publish frame `publish` (whose message it takes).
  Job publish_job(Envelope& publish);
  void submit(Runtime& rt, Job job);
  void run_jobs(Runtime& rt);
  void on_connect(Runtime& rt, Envelope& env);
  void on_publish(Runtime& rt, Envelope& env);
  // The connection of incarnation `epoch` of `peer` closed: its consumers go, their deliveries are requeued.
  void connection_lost(Runtime& rt, NodeId peer, uint32_t epoch);
  void crash(Runtime& rt, bool host_down);
  // What a crash takes: the jobs in hand (publishes not routed, deliveries not sent), then the queues' contents.
  void drop_jobs_in_crash(Runtime& rt);
  void lose_queues_in_crash(Runtime& rt);
  void lose_in_crash(MessagePtr& message);
  void restart(Runtime& rt);
  void declare_boot_topology(bool durable_only);
  void declare_exchange(const broker::ExchangeDecl& decl);
  void check_memory(Runtime& rt);
  uint64_t memory_used() const;
  // The flops of an operation for a message of `bytes` wire bytes.
  double cost_flops(const SoftwareCost& cost, uint64_t bytes);
  // Whether the delivery an ack (or reject) settles belongs to a call: which contention law its cost follows.
  CostOp acked_op(broker::QueueId queue, uint64_t tag);
  // Tells quiescence whether it has work, and the time series how busy its CPU is.
  void update_busy(double now);
  void send_frame(Runtime& rt, Frame frame, HopKind hop, NodeId to, LaneId to_lane, uint64_t publish_seq, bool nack);

  // broker_publish.cpp
  void finish_publish(Runtime& rt, Job& job);
  // Puts `message` into the queues `targets` (copies beyond the first); returns whether a queue refused it.
  bool enqueue_routed(Runtime& rt, MessagePtr message, const std::vector<broker::QueueId>& targets, LaneId from_lane,
                      uint64_t confirm_key);
  void dead_letter(Runtime& rt, broker::QueueId from, broker::Departure departure);
  void settle_without_queue(MessagePtr message, broker::LeaveReason reason);
  void persist(Runtime& rt, MsgId message, uint64_t bytes, uint64_t confirm_key);
  void disk_write_done(Runtime& rt, uint64_t write);
  void send_confirm(Runtime& rt, const PendingConfirm& pending);

  // broker_queues.cpp
  broker::QueueId declare_queue(const broker::QueueDecl& decl);
  void bind_queue(broker::QueueId queue, const broker::BindingDecl& binding);
  // A consumer on the connection of incarnation `epoch` of process `consumer`.
  void add_consumer(Runtime* rt, const broker::ConsumeSpec& spec, NodeId consumer, uint32_t epoch, LaneId lane);
  void delete_queue(Runtime& rt, broker::QueueId queue);
  void after_consumer_change(Runtime& rt, broker::QueueId queue);
  void dispatch(Runtime& rt, broker::QueueId queue);
  void expire_head(Runtime& rt, broker::QueueId queue);
  void arm_ttl_timer(Runtime& rt, broker::QueueId queue);
  void requeued(double now, broker::QueueId queue, const std::vector<Message*>& messages);
  static constexpr uint64_t kNoProcess = 0;
  static uint64_t process_of(const Job& job);
  void enqueue_job(Job job);
  void release_process(const Job& finished);
  template <typename F>
  void for_each_queued_job(F&& f) const {
    for (const auto& job : waiting_) f(job);
    for (const auto& [process, jobs] : behind_)
      for (const auto& job : jobs) f(job);
  }
  void report_queue(double now, broker::QueueId queue);
  void finish_deliver(Runtime& rt, Job& job);
  void finish_ack(Runtime& rt, Job& job);
  void finish_reject(Runtime& rt, Job& job);
  QueueSlot* slot(broker::QueueId queue);

  World& world_;
  NodeId self_;
  BrokerConfig config_;
  BrokerStats& stats_;
  ProcessLife life_;
  CostMeter meter_;
  bool busy_ = false;
  broker::Router router_;
  std::map<std::string, LaneId> exchange_lanes_;
  std::map<std::string, LaneId> queue_lanes_;    // by queue name: one lane per name, across deletions
  DenseMap<broker::QueueId, QueueSlot> queues_;  // live queues by router id (dense, never reused)
  // Its connections, by process and incarnation: a process that restarted has a new one while its old one lasts
  // until the broker notices it is dead (a reset, or missed heartbeats when its host went down).
  std::set<std::pair<NodeId, uint32_t>> connections_;
  std::deque<Job> waiting_;  // CPU jobs not started yet, FIFO
  // By work tag, ascending (tags are handed out in order): at most one per core, so a sorted vector, not a tree
  // node allocated per job.
  std::vector<std::pair<uint64_t, Job>> running_;
  // RabbitMQ runs each channel as one Erlang process: the publishes of one connection are routed one at a time
  // and in order, whatever the cores. A publish whose channel already has one waiting or running waits here
  // behind it (in order), not in waiting_.
  std::set<uint64_t> active_processes_;
  std::map<uint64_t, std::deque<Job>> behind_;
  size_t jobs_behind_ = 0;
  uint64_t next_job_ = 1;
  std::vector<broker::QueueId> routed_;       // reused by each route
  std::vector<broker::QueueId> route_count_;  // reused to count a publish's queues before its job runs
  // Flow control.
  bool blocked_ = false;
  double blocked_since_ = 0.0;
  std::deque<Job> held_publishes_;  // publishes received while blocked, not yet taken in
  // Persistence and confirms.
  std::set<MsgId> unwritten_;                              // persistent messages in durable queues not yet on disk
  std::map<uint64_t, std::pair<MsgId, uint64_t>> writes_;  // disk write -> (message, confirm key)
  std::map<uint64_t, PendingConfirm> confirms_;            // by confirm key
  uint64_t next_write_ = 1;
  uint64_t next_confirm_key_ = 1;
};

}  // namespace buslab
