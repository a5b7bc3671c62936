#include "models/core/amqp_declarations.hpp"

namespace buslab::broker {

const char* to_string(ExchangeType type) {
  switch (type) {
    case ExchangeType::Direct:
      return "direct";
    case ExchangeType::Topic:
      return "topic";
    case ExchangeType::Fanout:
      return "fanout";
    case ExchangeType::Headers:
      return "headers";
  }
  return "unknown";
}

std::optional<ExchangeType> parse_exchange_type(std::string_view name) {
  if (name == "direct") return ExchangeType::Direct;
  if (name == "topic") return ExchangeType::Topic;
  if (name == "fanout") return ExchangeType::Fanout;
  if (name == "headers") return ExchangeType::Headers;
  return std::nullopt;
}

}  // namespace buslab::broker
