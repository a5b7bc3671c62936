#include "models/rpc/direct_protocol.hpp"

namespace buslab {

const std::vector<DirectProtocol>& direct_protocols() {
  using C = DirectProtocol::Connection;
  static const std::vector<DirectProtocol> protocols = {
      // A plain RPC over one long-lived connection per client and server: the baseline.
      {"direct", C::KeepAlive, 0, {1.0, 2.0, 4.0, 8.0, 16.0, 32.0}, 0.0},
      // Python's SimpleXMLRPCServer: HTTP/1.0, a new connection per call, request_queue_size = 5.
      {"xmlrpc", C::PerCall, 5, {1.0, 2.0, 4.0, 8.0, 16.0, 32.0}, 0.0},
      // ThreadingMixIn: a thread per request; the kernel still queues at most 5 connections not yet accepted, but
      // the accepting thread never waits for a request to finish.
      {"xmlrpc-threaded", C::PerCall, 0, {1.0, 2.0, 4.0, 8.0, 16.0, 32.0}, 0.0},
      // JSON-RPC 2.0 over HTTP/1.1 with keep-alive.
      {"jsonrpc", C::KeepAlive, 0, {1.0, 2.0, 4.0, 8.0, 16.0, 32.0}, 0.0},
      // zerorpc: a persistent ZeroMQ connection, MessagePack, heartbeats every 5 s.
      {"zerorpc", C::KeepAlive, 0, {1.0, 2.0, 4.0, 8.0, 16.0, 32.0}, 5.0},
  };
  return protocols;
}

const DirectProtocol* find_direct_protocol(const std::string& name) {
  for (const auto& p : direct_protocols())
    if (p.name == name) return &p;
  return nullptr;
}

}  // namespace buslab
