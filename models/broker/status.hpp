#pragma once
// Outcome of a broker operation. Codes are the AMQP 0-9-1 reply codes RabbitMQ raises as channel errors for
// the same situations, so a failed call here maps one-to-one onto what a real client would see.
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>

namespace buslab::broker {

enum class StatusCode {
  Ok = 200,
  AccessRefused = 403,       // operation on the default exchange, or on a reserved "amq." name
  NotFound = 404,            // the named exchange or queue does not exist
  PreconditionFailed = 406,  // redeclaration with different properties, or invalid binding arguments
};

// AMQP constant name of a code, e.g. "PRECONDITION_FAILED".
const char* to_string(StatusCode code);

class [[nodiscard]] Status {
 public:
  static Status success() { return Status(StatusCode::Ok, {}); }
  static Status error(StatusCode code, std::string message) { return Status(code, std::move(message)); }

  bool ok() const { return code_ == StatusCode::Ok; }
  StatusCode code() const { return code_; }
  // Human-readable reason, empty on success.
  const std::string& message() const { return message_; }
  // "404 NOT_FOUND: no exchange 'x'" (or "200 OK"), for logs and test failures.
  std::string describe() const;

 private:
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}
  StatusCode code_;
  std::string message_;
};

// A value or the Status explaining why there is none. value() on an error throws std::logic_error, so an
// unchecked failure cannot silently become a bogus value.
template <typename T>
class [[nodiscard]] StatusOr {
 public:
  StatusOr(T value) : status_(Status::success()), value_(std::move(value)) {}  // NOLINT: implicit by design
  StatusOr(Status status) : status_(std::move(status)) {                       // NOLINT: implicit by design
    if (status_.ok()) throw std::logic_error("StatusOr built from a success Status without a value");
  }

  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }
  const T& value() const& {
    if (!ok()) throw std::logic_error("StatusOr::value() on error: " + status_.describe());
    return *value_;
  }
  T&& value() && {
    if (!ok()) throw std::logic_error("StatusOr::value() on error: " + status_.describe());
    return std::move(*value_);
  }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace buslab::broker
