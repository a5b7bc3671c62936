#pragma once
// Who is who in a run: every node's name, lane, host, incarnation and liveness, and the replicas of each
// service. Models look peers up here instead of holding pointers to each other.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "models/core/ids.hpp"

namespace buslab {

class Directory {
 public:
  NodeId add_node(const std::string& name, LaneId lane, const std::string& host);
  size_t size() const { return nodes_.size(); }

  const std::string& name(NodeId node) const { return nodes_.at(node).name; }
  LaneId lane(NodeId node) const { return nodes_.at(node).lane; }
  const std::string& host(NodeId node) const { return nodes_.at(node).host; }
  // The node called `name`, or kNoNode.
  NodeId find(const std::string& name) const;

  // A process's incarnation: bumped at each restart, so frames sent to an earlier one are recognised as lost.
  uint32_t epoch(NodeId node) const { return nodes_.at(node).epoch; }
  void next_epoch(NodeId node) { ++nodes_.at(node).epoch; }
  bool alive(NodeId node) const { return nodes_.at(node).alive; }
  void set_alive(NodeId node, bool alive) { nodes_.at(node).alive = alive; }

  void add_replica(const std::string& service, NodeId node) { replicas_[service].push_back(node); }
  const std::vector<NodeId>& replicas(const std::string& service) const;

 private:
  struct Entry {
    std::string name;
    LaneId lane;
    std::string host;
    uint32_t epoch = 0;
    bool alive = true;
  };
  std::vector<Entry> nodes_;
  std::map<std::string, NodeId> by_name_;
  std::map<std::string, std::vector<NodeId>> replicas_;
};

}  // namespace buslab
