#pragma once
// Looking up message headers and comparing binding arguments (the Headers table is declared with the AMQP
// declarations, models/core/amqp_declarations.hpp).
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "models/core/amqp_declarations.hpp"

namespace buslab::broker {

// The value of the first header called `key`, or nullptr.
inline const std::string* find_header(const Headers& headers, std::string_view key) {
  for (const auto& [k, v] : headers)
    if (k == key) return &v;
  return nullptr;
}

// `args` sorted by key (then value). Binding identity compares arguments as a table, so {a:1,b:2} and
// {b:2,a:1} are the same binding, as in RabbitMQ which sorts field tables before comparing them.
Headers canonical_arguments(Headers args);

}  // namespace buslab::broker
