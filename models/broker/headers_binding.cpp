#include "models/broker/headers_binding.hpp"

#include <string_view>

namespace buslab::broker {
namespace {

bool starts_with_x_dash(std::string_view key) {
  return key.size() >= 2 && key[0] == 'x' && key[1] == '-';
}

}  // namespace

StatusOr<HeadersBinding> HeadersBinding::parse(const Headers& args) {
  Mode mode = Mode::All;
  bool with_x = false;
  if (const std::string* x_match = find_header(args, "x-match")) {
    if (*x_match == "all") {
      mode = Mode::All;
    } else if (*x_match == "any") {
      mode = Mode::Any;
    } else if (*x_match == "all-with-x") {
      mode = Mode::All;
      with_x = true;
    } else if (*x_match == "any-with-x") {
      mode = Mode::Any;
      with_x = true;
    } else {
      return Status::error(StatusCode::PreconditionFailed,
                           "invalid x-match value '" + *x_match + "'; expected all, any, all-with-x or any-with-x");
    }
  }
  Headers required;
  for (const auto& [key, value] : args) {
    if (key == "x-match") continue;
    if (!with_x && starts_with_x_dash(key)) continue;
    required.emplace_back(key, value);
  }
  return HeadersBinding(mode, std::move(required));
}

bool HeadersBinding::matches(const Headers& headers) const {
  if (mode_ == Mode::All) {
    for (const auto& [key, value] : required_) {
      const std::string* actual = find_header(headers, key);
      if (actual == nullptr || *actual != value) return false;
    }
    return true;
  }
  for (const auto& [key, value] : required_) {
    const std::string* actual = find_header(headers, key);
    if (actual != nullptr && *actual == value) return true;
  }
  return false;
}

}  // namespace buslab::broker
