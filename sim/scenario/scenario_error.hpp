#pragma once
// The one error type of scenario loading: what() is the whole message for the user, e.g.
// `default.json: services[1].executor.workers: expected an integer >= 1, found -3`.
#include <stdexcept>

namespace buslab {

struct ScenarioError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace buslab
