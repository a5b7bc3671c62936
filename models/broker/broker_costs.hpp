#pragma once
// What each operation costs the broker in CPU (docs/profiles.md `broker`), per message and per wire byte, on the
// profile's reference core.
#include "models/core/software_cost.hpp"

namespace buslab {

struct BrokerCosts {
  SoftwareCost publish;     // a publish taken in
  SoftwareCost route;       // routing it through an exchange
  SoftwareCost deliver;     // a delivery pushed to a consumer
  SoftwareCost ack;         // an acknowledgement (or rejection) handled
  SoftwareCost confirm;     // a publisher confirm, for publishes that ask for one
  SoftwareCost oslo_extra;  // what an oslo.messaging message costs beyond the raw AMQP operations
};

}  // namespace buslab
