#pragma once
// The scenario as the simulator uses it: plain data, validated and with every default filled in by the loader
// (sim/scenario_loader.hpp). docs/scenario.md documents each field for users; keep the two in step.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/core/distribution.hpp"
#include "models/core/message.hpp"
#include "models/rpc/arrival.hpp"
#include "models/rpc/server_choice.hpp"

namespace buslab {

// CPU work given either in flops or as a time on one core of the host that runs it.
struct Work {
  double flops = 0.0;
  double seconds = 0.0;
  // The flops this work takes on a core of `core_speed` flop/s.
  double on(double core_speed) const { return flops + seconds * core_speed; }
};

struct HostSpec {
  std::string name;   // expanded: "compute3"
  std::string group;  // the `name` it was stamped from ("compute"), or its own name
  int cores = 1;
  double speed = 1e9;         // flop/s per core
  double latency = 50e-6;     // s, its own link
  double bandwidth = 1.25e9;  // bytes/s, its own link
};

struct LinkSpec {
  std::string name;
  double latency = 0.0;            // s
  double bandwidth = 0.0;          // bytes/s
  std::vector<std::string> hosts;  // expanded host names
};

struct PlatformSpec {
  std::string network_model = "CM02";  // "CM02" or "LV08"
  std::vector<HostSpec> hosts;         // expanded, in file order
  std::vector<LinkSpec> links;
};

struct BrokerCost {
  Work publish{0.0, 10e-6};
  Work route{0.0, 2e-6};
  Work deliver{0.0, 8e-6};
  Work ack{0.0, 3e-6};
};

struct BrokerSpec {
  std::string name;
  std::string host;
  BrokerCost cost;
};

enum class ExecutorKind { Blocking, Threading, Eventlet };
enum class AckTiming { BeforeProcessing, AfterProcessing };
enum class TransportKind { Direct, Broker };

struct MethodSpec {
  std::string name;
  Distribution service_time;  // seconds on one idle core
  Distribution reply_bytes;   // bytes before encoding
};

struct ServiceSpec {
  std::string name;
  TransportKind transport = TransportKind::Direct;
  std::string broker;  // when transport == Broker
  std::string topic;
  int replicas = 1;
  std::vector<std::string> hosts;  // expanded host names, replicas placed round-robin
  ExecutorKind executor = ExecutorKind::Threading;
  int workers = 64;
  int prefetch = 0;
  AckTiming ack = AckTiming::BeforeProcessing;
  std::string codec = "json";
  std::vector<MethodSpec> methods;  // sorted by name (the JSON object does not keep file order)

  const MethodSpec* find_method(const std::string& method) const;
};

// ArrivalKind, ArrivalSpec (models/rpc/arrival.hpp) and ServerChoice (models/rpc/server_choice.hpp) are the
// models' own types, used here as they are; a call's mode is the message's.
using CallMode = RpcMode;

struct ClientSpec {
  std::string name;
  std::vector<std::string> hosts;  // expanded; instances placed round-robin
  int count = 1;
  std::string service;
  std::string method;
  CallMode mode = CallMode::Call;
  std::optional<std::string> server;  // a replica name
  double timeout = 60.0;
  Distribution payload_bytes = Distribution::constant(1024);
  double start = 0.0;
  ArrivalSpec arrival;
  ServerChoice server_choice = ServerChoice::RoundRobin;
};

enum class FaultAction { Kill, Restart, HostDown, HostUp, LinkDown, LinkUp, AddReplicas };

struct FaultSpec {
  double at = 0.0;
  FaultAction action = FaultAction::Kill;
  std::string target;
  int count = 1;                   // add_replicas
  std::vector<std::string> hosts;  // add_replicas, expanded (empty: the service's hosts)
};

struct VariantSpec {
  std::string name;
  std::string description;
};

struct Scenario {
  std::string name;
  std::string source;   // file name used in messages ("default.json", or "<builtin default>")
  std::string variant;  // the variant this scenario was made for, "" when none
  std::string variant_description;
  std::string description;
  uint64_t seed = 1;
  double duration = 0.0;
  double drain = 60.0;
  PlatformSpec platform;
  std::vector<BrokerSpec> brokers;
  std::vector<ServiceSpec> services;
  std::vector<ClientSpec> clients;
  std::vector<FaultSpec> faults;
  std::vector<VariantSpec> variants;

  const HostSpec* find_host(const std::string& name) const;
  const BrokerSpec* find_broker(const std::string& name) const;
  const ServiceSpec* find_service(const std::string& name) const;
};

// Replica names of a service: "<service>-1" ... "<service>-N".
std::string replica_name(const std::string& service, int index_from_1);

}  // namespace buslab
