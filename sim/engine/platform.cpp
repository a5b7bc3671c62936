#include "sim/engine/platform.hpp"

namespace buslab {

namespace sg4 = simgrid::s4u;

std::vector<std::string> engine_arguments(const PlatformSpec& spec) {
  return {"buslab",
          // SimGrid's own messages (configuration changes, warnings about actors still alive at the end of a
          // drained run) are not for buslab's users; real errors reach them through buslab's own reports.
          "--log=root.thres:critical", "--log=xbt_cfg.thres:critical", "--cfg=network/model:" + spec.network_model};
}

Platform::Platform(const PlatformSpec& spec) {
  auto* zone = sg4::create_star_zone("buslab");
  for (const auto& link : spec.links) {
    auto* l = zone->create_split_duplex_link(link.name, link.bandwidth);
    l->set_latency(link.latency);
    l->seal();
    shared_links_[link.name] = l;
  }
  for (const auto& h : spec.hosts) {
    sg4::Host* host = zone->create_host(h.name, h.speed);
    host->set_core_count(h.cores);
    host->seal();
    sg4::Link* link = zone->create_split_duplex_link(h.name + "_link", h.bandwidth);
    link->set_latency(h.latency);
    link->seal();
    // Up towards the switch; `symmetrical` makes SimGrid use the down halves on the way back.
    std::vector<sg4::LinkInRoute> route{sg4::LinkInRoute(link, sg4::LinkInRoute::Direction::UP)};
    for (const auto& shared : spec.links)
      for (const auto& member : shared.hosts)
        if (member == h.name) route.emplace_back(shared_links_.at(shared.name), sg4::LinkInRoute::Direction::UP);
    zone->add_route(host->get_netpoint(), nullptr, nullptr, nullptr, route, true);
    // Processes on one host talk through the loopback, not through the host's link twice; the local control
    // events of the fault schedule take this way too, and arrive at once.
    sg4::Link* loopback = zone->create_link(h.name + "_loopback", 1e12);
    loopback->set_latency(0);
    loopback->set_sharing_policy(sg4::Link::SharingPolicy::FATPIPE);
    loopback->seal();
    zone->add_route(host->get_netpoint(), host->get_netpoint(), nullptr, nullptr, {sg4::LinkInRoute(loopback)}, false);
    hosts_[h.name] = host;
    host_links_[h.name] = link;
  }
  zone->seal();
}

}  // namespace buslab

namespace buslab {

void Platform::add_disk(const std::string& host, double write_bandwidth) {
  simgrid::s4u::Host* h = hosts_.at(host);
  if (!h->get_disks().empty()) return;
  // Reads are not modelled (recovery reads happen while the broker is down); the read bandwidth is only set.
  h->create_disk(host + "_disk", write_bandwidth, write_bandwidth)->seal();
}

}  // namespace buslab
