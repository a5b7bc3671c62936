#include "sim/engine/simgrid_processes.hpp"

#include <stdexcept>

namespace buslab {

SimgridProcesses::SimgridProcesses(World& world, Platform& platform, RunControl& control)
    : world_(world), platform_(platform), control_(control) {}

double SimgridProcesses::now() const {
  return simgrid::s4u::Engine::get_clock();
}

void SimgridProcesses::add_process(NodeId id, Node& node, const std::string& host) {
  if (id != processes_.size()) throw std::logic_error("simgrid processes: node ids out of step");
  processes_.push_back(std::make_unique<SimgridProcess>(world_, id, node, platform_.host(host), control_));
  if (started_) processes_.back()->spawn();
}

void SimgridProcesses::own_cores(NodeId id, int pieces) {
  processes_.at(id)->own_cores(pieces);
}

void SimgridProcesses::start_all() {
  started_ = true;
  for (auto& process : processes_) process->spawn();
}

void SimgridProcesses::stop_all() {
  stop_processes(processes_);
}

void SimgridProcesses::add_disk(const std::string& host, double write_bandwidth) {
  platform_.add_disk(host, write_bandwidth);
}

void SimgridProcesses::set_host_link(const std::string& host, bool up) {
  if (up)
    platform_.host_link(host)->turn_on();
  else
    platform_.host_link(host)->turn_off();
}

void SimgridProcesses::set_shared_link(const std::string& link, bool up) {
  if (up)
    platform_.shared_link(link)->turn_on();
  else
    platform_.shared_link(link)->turn_off();
}

}  // namespace buslab
