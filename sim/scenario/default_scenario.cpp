#include "sim/scenario/default_scenario.hpp"

namespace buslab {

// The same load (16 clients, 1,200 calls/s with nova-sized payloads, the servers' CPUs some 60% busy) sent once over
// direct RPC, each client picking one of 4 servers at random, and once through a broker that deals round-robin to the
// same 4 servers. The hosts run at the default speed, one core of the machine the default cost profile was measured
// on, so that its timings are those of oslo.messaging and RabbitMQ there.
const char* default_scenario_json() {
  return R"json({
  "name": "default",
  "description": "16 clients send 1,200 calls/s (nova-sized payloads) to 4 servers of 4 cores, for 10 s.",
  "seed": 1,
  "duration": "10s",
  "platform": {
    "network": {"latency": "50us", "bandwidth": "10Gbps"},
    "hosts": [
      {"name": "client", "count": 4, "cores": 4},
      {"name": "rabbit", "cores": 8},
      {"name": "compute", "count": 4, "cores": 4}
    ]
  },
  "brokers": [
    {"name": "rabbit", "host": "rabbit"}
  ],
  "services": [
    {
      "name": "compute",
      "transport": "broker:rabbit",
      "replicas": 4,
      "hosts": ["compute"],
      "executor": {"kind": "threading", "workers": 8},
      "methods": {
        "add": {"service_time": {"dist": "exponential", "mean": "8ms"}, "reply_bytes": 256}
      }
    }
  ],
  "clients": [
    {
      "name": "api",
      "host": "client",
      "count": 16,
      "service": "compute",
      "method": "add",
      "mode": "call",
      "timeout": "10s",
      "payload": {"dist": "empirical", "data": "nova-message-lengths"},
      "arrival": {"kind": "poisson", "rate": 75},
      "server_choice": "random"
    }
  ],
  "variants": [
    {"name": "direct", "description": "each client picks a server at random and calls it straight",
     "set": {"services[0].transport": "direct"}},
    {"name": "brokered", "description": "clients publish to a RabbitMQ-like broker, which deals round-robin",
     "set": {"services[0].transport": "broker:rabbit"}}
  ]
})json";
}

}  // namespace buslab
