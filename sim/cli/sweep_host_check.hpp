#pragma once
// The warning `buslab sweep` gives when a swept field looks like it needs a link (docs/analysis.md, "Linked
// parameters"): a service's replicas share hosts, or outnumber their hosts' cores, at some points of the sweep and
// not at others. Sweeping services[0].replicas from 1 to 16 over 4 hosts silently packs 4 replicas on each host at
// the top: the sweep then measures crowded hosts as much as more servers, unless the host count follows
// (--link platform.hosts[2].count=services[0].replicas).
#include <map>
#include <string>
#include <vector>

#include "sim/cli/sweep_plan.hpp"
#include "sim/scenario/scenario.hpp"

namespace buslab::cli {

class HostSharingCheck {
 public:
  // The scenario of one point (any variant: the placement is the same in each unless a variant moves it).
  void add(size_t point, const Scenario& scenario);
  // One warning per service whose crowding varies over the sweep, at its most crowded point; the link that would
  // give each replica a host of its own, when the service's hosts come from one `platform.hosts` entry.
  std::vector<std::string> warnings(const SweepDefinition& sweep) const;

 private:
  struct Placement {
    size_t point = 0;
    int replicas = 0;
    size_t hosts = 0;
    int cores = 0;
    int host_entry = -1;  // the platform.hosts index all its hosts come from, -1 if several
    double crowding() const;
  };
  struct Seen {
    size_t index = 0;  // the service's position in `services`
    bool crowded = false, spread = false;
    Placement worst;
  };
  std::map<std::string, Seen> services_;
};

}  // namespace buslab::cli
