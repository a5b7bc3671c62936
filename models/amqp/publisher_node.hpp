#pragma once
// An AMQP publisher (not RPC): publishes messages to an exchange with routing keys and headers, persistent or
// not, mandatory or not, and with or without publisher confirms; a closed loop keeps N publishes unconfirmed.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "models/broker/broker_link.hpp"
#include "models/core/distribution.hpp"
#include "models/core/rng.hpp"
#include "models/core/runtime.hpp"
#include "models/core/tags.hpp"
#include "models/process/arrival.hpp"
#include "models/process/process_life.hpp"
#include "models/world/world.hpp"

namespace buslab {

struct PublisherConfig {
  std::string name;   // instance
  std::string group;  // publisher group
  LaneId lane = kNoLane;
  std::string exchange;
  std::vector<std::string> routing_keys;
  bool random_keys = false;  // else round-robin
  broker::Headers headers;
  bool persistent = false;
  bool mandatory = false;
  bool confirms = false;
  Distribution payload_bytes;
  ArrivalSpec arrival;
  double start = 0.0;
  double stop = 0.0;
  BrokerLinkConfig link;
  bool connected_at_start = true;
};

// AMQP method and content headers around a message body, bytes.
inline constexpr uint64_t kAmqpHeaderBytes = 120;

class PublisherNode final : public Node {
 public:
  PublisherNode(World& world, NodeId self, PublisherConfig config);

  void on_start(Runtime& rt) override;
  void on_frame(Runtime& rt, Envelope& env) override;
  void on_work_done(Runtime& rt, uint64_t tag) override;
  void on_timer(Runtime& rt, uint64_t tag) override;

  // Messages it holds (waiting for the broker connection).
  size_t messages_in_hand() const { return link_->held(); }
  void held_messages(std::vector<MsgId>& ids) const { link_->held_messages(ids); }
  const PublisherConfig& config() const { return config_; }

 private:
  void publish(Runtime& rt);
  void confirmed(Runtime& rt, uint64_t seq, bool nack);
  void failed(Runtime& rt, MessagePtr message);
  void next(Runtime& rt);
  void crash(Runtime& rt, bool host_down);
  void restart(Runtime& rt);
  void update_busy();

  World& world_;
  NodeId self_;
  PublisherConfig config_;
  Rng arrival_rng_;
  Rng payload_rng_;
  Rng key_rng_;
  ArrivalProcess arrivals_;
  PublisherStats& stats_;
  std::unique_ptr<BrokerLink> link_;
  size_t next_key_ = 0;
  uint64_t next_seq_ = 1;
  struct Unconfirmed {
    double published_at;
    MsgId message;
  };
  std::map<uint64_t, Unconfirmed> unconfirmed_;  // by publish seq
  ProcessLife life_;
  bool busy_ = false;
};

}  // namespace buslab
