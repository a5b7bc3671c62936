#pragma once
// How a direct-transport client picks a server replica: always the same one, one at random per request, or
// each in turn. With no broker, this choice is the whole of load balancing.
#include <cstddef>

#include "models/core/rng.hpp"

namespace buslab {

enum class ServerChoice { Fixed, Random, RoundRobin };

class ServerPicker {
 public:
  // `replicas` > 0. Round-robin starts at a random replica so that clients started together do not move in step.
  ServerPicker(ServerChoice choice, size_t replicas, size_t fixed_index, Rng& rng);
  size_t pick(Rng& rng);

 private:
  ServerChoice choice_;
  size_t replicas_;
  size_t next_;
};

}  // namespace buslab
