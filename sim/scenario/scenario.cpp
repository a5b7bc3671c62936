#include "sim/scenario/scenario.hpp"

namespace buslab {

const MethodSpec* ServiceSpec::find_method(const std::string& method) const {
  for (const auto& m : methods)
    if (m.name == method) return &m;
  return nullptr;
}

const broker::QueueDecl* BrokerSpec::find_queue(const std::string& queue) const {
  for (const auto& q : queues)
    if (q.name == queue) return &q;
  return nullptr;
}

const HostSpec* Scenario::find_host(const std::string& host) const {
  for (const auto& h : platform.hosts)
    if (h.name == host) return &h;
  return nullptr;
}

const BrokerSpec* Scenario::find_broker(const std::string& broker) const {
  for (const auto& b : brokers)
    if (b.name == broker) return &b;
  return nullptr;
}

const ServiceSpec* Scenario::find_service(const std::string& service) const {
  for (const auto& s : services)
    if (s.name == service) return &s;
  return nullptr;
}

std::vector<StepSpec> ClientSpec::requests() const {
  if (!steps.empty()) return steps;
  StepSpec step;
  step.service = service;
  step.method = method;
  step.mode = mode;
  step.server = server.value_or("");
  step.fanout = fanout;
  step.name_space = name_space;
  step.version = version;
  step.timeout = timeout;
  step.args_bytes = payload_bytes;
  step.retries = retries;
  step.call_monitor_timeout = call_monitor_timeout;
  return {step};
}

const char* fault_action_name(FaultAction action) {
  switch (action) {
    case FaultAction::Kill:
      return "kill";
    case FaultAction::Restart:
      return "restart";
    case FaultAction::HostDown:
      return "host_down";
    case FaultAction::HostUp:
      return "host_up";
    case FaultAction::LinkDown:
      return "link_down";
    case FaultAction::LinkUp:
      return "link_up";
    case FaultAction::AddReplicas:
      return "add_replicas";
    case FaultAction::Hang:
      return "hang";
    case FaultAction::Resume:
      return "resume";
  }
  return "?";
}

std::string replica_name(const std::string& service, int index_from_1) {
  return service + "-" + std::to_string(index_from_1);
}

std::string replica_name(const ServiceSpec& service, int index_from_1) {
  const auto given = static_cast<size_t>(index_from_1 - 1);
  return given < service.replica_names.size() ? service.replica_names[given] : replica_name(service.name, index_from_1);
}

}  // namespace buslab
