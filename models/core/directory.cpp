#include "models/core/directory.hpp"

#include <stdexcept>

namespace buslab {

NodeId Directory::add_node(const std::string& name, LaneId lane, const std::string& host) {
  if (by_name_.count(name)) throw std::logic_error("directory: two nodes called " + name);
  nodes_.push_back(Entry{name, lane, host});
  const auto id = static_cast<NodeId>(nodes_.size() - 1);
  by_name_[name] = id;
  return id;
}

NodeId Directory::find(const std::string& name) const {
  auto it = by_name_.find(name);
  return it == by_name_.end() ? kNoNode : it->second;
}

const std::vector<NodeId>& Directory::replicas(const std::string& service) const {
  static const std::vector<NodeId> none;
  auto it = replicas_.find(service);
  return it == replicas_.end() ? none : it->second;
}

}  // namespace buslab
