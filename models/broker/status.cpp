#include "models/broker/status.hpp"

#include <string>

namespace buslab::broker {

const char* to_string(StatusCode code) {
  switch (code) {
    case StatusCode::Ok:
      return "OK";
    case StatusCode::AccessRefused:
      return "ACCESS_REFUSED";
    case StatusCode::NotFound:
      return "NOT_FOUND";
    case StatusCode::PreconditionFailed:
      return "PRECONDITION_FAILED";
  }
  return "UNKNOWN";
}

std::string Status::describe() const {
  std::string text = std::to_string(static_cast<int>(code_)) + " " + to_string(code_);
  if (!message_.empty()) text += ": " + message_;
  return text;
}

}  // namespace buslab::broker
