#include "models/rpc/server_choice.hpp"

#include <stdexcept>

namespace buslab {

ServerPicker::ServerPicker(ServerChoice choice, size_t replicas, size_t fixed_index, Rng& rng)
    : choice_(choice), replicas_(replicas), next_(0) {
  if (replicas == 0) throw std::invalid_argument("server picker: no replicas");
  if (choice == ServerChoice::Fixed) {
    if (fixed_index >= replicas) throw std::invalid_argument("server picker: fixed replica out of range");
    next_ = fixed_index;
  } else if (choice == ServerChoice::RoundRobin) {
    next_ = rng.below(replicas);
  }
}

size_t ServerPicker::pick(Rng& rng) {
  switch (choice_) {
    case ServerChoice::Fixed:
      return next_;
    case ServerChoice::Random:
      return rng.below(replicas_);
    case ServerChoice::RoundRobin: {
      const size_t chosen = next_;
      next_ = (next_ + 1) % replicas_;
      return chosen;
    }
  }
  return 0;
}

}  // namespace buslab
