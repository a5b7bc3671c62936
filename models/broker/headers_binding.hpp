#pragma once
// Headers exchange binding arguments and how they match message headers.
//
// Rules (https://www.rabbitmq.com/tutorials/amqp-concepts#exchange-headers, and RabbitMQ's
// rabbit_exchange_type_headers.erl which settles the corner cases):
//   - `x-match` selects the mode: "all" (the default when absent), "any", "all-with-x", "any-with-x";
//     any other value is rejected at bind time (PRECONDITION_FAILED);
//   - `x-match` itself never takes part in matching; other binding arguments whose key starts with "x-" are
//     ignored too, except in the -with-x modes;
//   - all: every remaining argument must be present in the message with an equal value. With no remaining
//     argument this is vacuously true, so such a binding matches every message;
//   - any: at least one remaining argument must be present with an equal value; with none it never matches.
// Values are compared as strings (AMQP typed values and "void" presence-only arguments are not modelled).
#include <string>
#include <utility>
#include <vector>

#include "models/broker/headers.hpp"
#include "models/broker/status.hpp"

namespace buslab::broker {

class HeadersBinding {
 public:
  enum class Mode { All, Any };

  // Parses binding arguments; PRECONDITION_FAILED if x-match has an unknown value.
  static StatusOr<HeadersBinding> parse(const Headers& args);

  // True when a message carrying `headers` matches. Allocation-free.
  bool matches(const Headers& headers) const;
  Mode mode() const { return mode_; }

 private:
  HeadersBinding(Mode mode, Headers required) : mode_(mode), required_(std::move(required)) {}
  Mode mode_ = Mode::All;
  Headers required_;  // the arguments that take part in matching
};

}  // namespace buslab::broker
