#include "tracefile/trace_value.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace buslab::tracefile::reader {

std::string describe(const Value& v) {
  switch (v.type) {
    case Value::Null:
      return "null";
    case Value::Bool:
      return v.number != 0 ? "true" : "false";
    case Value::Integer:
      return v.negative ? fmt::format("-{}", v.magnitude) : fmt::format("{}", v.magnitude);
    case Value::Float:
      return fmt::format("{}", v.number);
    case Value::String: {
      std::string s = *v.text;
      if (s.size() > 40) s = s.substr(0, 37) + "...";
      return nlohmann::json(s).dump();
    }
    case Value::Object:
      return "an object";
    case Value::Array:
      return "an array";
  }
  return "?";
}

}  // namespace buslab::tracefile::reader
