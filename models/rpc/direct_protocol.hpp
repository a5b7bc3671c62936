#pragma once
// The direct (brokerless) RPC families the seeds compare with a broker (docs/semantics.md 4), as connection and
// failure behaviour: how often a TCP connection is opened, how deep a server's accept queue is, how a client
// retries a connection the server's kernel did not answer, and zerorpc's heartbeats.
#include <string>
#include <vector>

namespace buslab {

struct DirectProtocol {
  std::string name;
  enum class Connection { PerCall, KeepAlive } connection = Connection::KeepAlive;
  // Connections a server's kernel queues while its process is busy (listen backlog); 0: no limit modelled.
  int listen_backlog = 0;
  // Waits before each SYN retransmission when a connection attempt goes unanswered (Linux: 1 s, doubling).
  std::vector<double> syn_retries{1.0, 2.0, 4.0, 8.0, 16.0, 32.0};
  // zerorpc: heartbeat period on an open request channel; 0: none. Two periods without one: LostRemote.
  double heartbeat = 0.0;
};

// "direct", "xmlrpc", "xmlrpc-threaded", "jsonrpc", "zerorpc"; nullptr for another name.
const DirectProtocol* find_direct_protocol(const std::string& name);
const std::vector<DirectProtocol>& direct_protocols();

}  // namespace buslab
