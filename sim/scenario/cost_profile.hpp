#pragma once
// The cost profile a scenario runs with (docs/profiles.md): what the software of each stack costs per message
// (oslo.messaging's client and server libraries, the broker, the codecs, the direct protocols' stacks) on the
// profile's reference core, and the behaviours measured with them (publisher confirms, the listen backlog).
// Read from a profile file (data/profiles/, built in; or a path) with the scenario's overrides applied
// (sim/scenario/profile_reader.hpp).
#include <map>
#include <string>

#include "models/broker/broker_costs.hpp"
#include "models/core/contention.hpp"
#include "models/rpc/codec.hpp"
#include "models/rpc/library_costs.hpp"

namespace buslab {

// A direct protocol's stack per call (docs/profiles.md `direct`): the client's and the server's, codec excluded.
struct DirectStackCosts {
  SoftwareCost client_call;
  SoftwareCost server_call;
};

struct CostProfile {
  std::string name;         // "oslo14-rabbitmq310-epyc2600", "ideal", "uncalibrated", or the file's `name`
  std::string origin;       // where it came from: "built in", or the file's path
  bool overridden = false;  // the scenario set some of its figures field by field ("profile": {...})
  // Flop/s of the reference core: a cost of c seconds is c x speed_flops flops, which a host of speed S runs in
  // c x speed_flops / S seconds.
  double speed_flops = 1e9;
  bool jitter = false;  // draw each message's costs around their means, from their cv (seeded)

  CallerCosts client;  // oslo.messaging's calling side
  ServerCosts server;  // oslo.messaging's serving side
  BrokerCosts broker;
  // json, xml, msgpack, and oslo_envelope (what a brokered service's "json" is: oslo's double JSON).
  std::map<std::string, Codec> codecs;
  // xmlrpc, xmlrpc_threaded, jsonrpc, zerorpc (by transport name with '_' for '-').
  std::map<std::string, DirectStackCosts> direct;

  // How software costs grow with the processes sharing a host's cores (models/core/contention.hpp); neutral
  // (coefficients 0) in "ideal" and "uncalibrated".
  Contention contention;

  bool confirm_publish = true;        // oslo's casts and calls wait for the broker's confirm
  bool reply_confirm_publish = true;  // ... and so do its replies, holding the server's worker
  int xmlrpc_listen_backlog = 5;      // SimpleXMLRPCServer's request_queue_size

  // The figures of buslab before calibration (`"uncalibrated"`): broker costs are times on the broker's own host,
  // and the XML-RPC accept queue holds `listen_backlog` connections rather than Linux's backlog + 1.
  bool uncalibrated = false;

  // The codec of a service: oslo's envelope for a brokered "json", else the named one.
  const Codec& codec(const std::string& name, bool brokered) const;
};

}  // namespace buslab
