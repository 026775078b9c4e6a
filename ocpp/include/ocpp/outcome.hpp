#pragma once
// Outcome<T, E>: a value or an error (by default an OCPP CallError). Domain and handler code return these
// instead of throwing.
#include <utility>
#include <variant>

#include "ocpp/rpc/call_error.hpp"

namespace ocpp {

template <class T, class E = rpc::CallError>
class Outcome {
 public:
  using value_type = T;
  using error_type = E;
  Outcome(T value) : state_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  Outcome(E error) : state_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(state_); }
  const T& value() const& { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  const E& error() const { return std::get<1>(state_); }

  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, E> state_;
};

inline rpc::CallError make_error(rpc::ErrorCode code, std::string description,
                                 nlohmann::json details = nlohmann::json::object()) {
  return rpc::CallError{code, std::move(description), std::move(details)};
}

}  // namespace ocpp
