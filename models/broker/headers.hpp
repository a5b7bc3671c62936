#pragma once
// Message headers and binding arguments: an AMQP field table reduced to string keys and string values
// (values are compared as strings; typed AMQP values are not modelled).
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace buslab::broker {

// Key/value pairs. Keys are expected to be unique; when a key repeats, the first occurrence counts.
using Headers = std::vector<std::pair<std::string, std::string>>;

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
