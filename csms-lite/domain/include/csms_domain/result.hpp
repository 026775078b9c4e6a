#pragma once
// A value or a precise, human-readable reason why there is none (ARCHITECTURE.md: values, not
// exceptions, in domain code). std::expected is C++23; GCC 12 in C++20 mode has none.
#include <chrono>
#include <string>
#include <utility>
#include <variant>

namespace csms::domain {

// Every instant in this library is a whole second of UTC: meter samples, schedules and OCPP
// date-times need no finer resolution.
using UtcTime = std::chrono::sys_seconds;

struct Error {
  std::string message;
};

template <class T>
class Result {
 public:
  Result(T value) : state_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : state_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }
  const T& value() const& { return std::get<0>(state_); }
  T& value() & { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  const T& operator*() const& { return value(); }
  const T* operator->() const { return &value(); }
  // Empty when ok().
  const std::string& error() const {
    static const std::string none;
    return ok() ? none : std::get<1>(state_).message;
  }

 private:
  std::variant<T, Error> state_;
};

}  // namespace csms::domain
