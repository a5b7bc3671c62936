#pragma once
// Builds the SimGrid platform of a scenario: a star network where every host has its own full-duplex link to a
// core switch, plus optional shared links (a rack uplink, a WAN) that some hosts' traffic also crosses.
#include <map>
#include <string>
#include <vector>

#include <simgrid/s4u.hpp>

#include "sim/scenario/scenario.hpp"

namespace buslab {

class Platform {
 public:
  // Must run after the Engine is created and before any actor starts.
  explicit Platform(const PlatformSpec& spec);

  simgrid::s4u::Host* host(const std::string& name) const { return hosts_.at(name); }
  // The host's own link.
  simgrid::s4u::Link* host_link(const std::string& name) const { return host_links_.at(name); }
  simgrid::s4u::Link* shared_link(const std::string& name) const { return shared_links_.at(name); }
  // Gives `host` a disk (a broker's, for persistent messages), once; `write_bandwidth` in bytes/s.
  void add_disk(const std::string& host, double write_bandwidth);

 private:
  std::map<std::string, simgrid::s4u::Host*> hosts_;
  std::map<std::string, simgrid::s4u::Link*> host_links_;
  std::map<std::string, simgrid::s4u::Link*> shared_links_;
};

// The SimGrid command-line options a run starts its Engine with (network model, quiet logs).
std::vector<std::string> engine_arguments(const PlatformSpec& spec);

}  // namespace buslab
