#pragma once
// Maps an incoming CALL's action to the handler a feature registered, after schema validation and typed
// decoding. This is the one place where a failure becomes a CALLERROR:
//   unknown action → NotImplemented; known but no handler here → NotSupported;
//   schema violation → the validator's code; typed decoding failure → TypeConstraintViolation;
//   an exception from a handler (of any type) → InternalError; a handler's invalid response → InternalError.
// Raw handlers decode the payload themselves and return their own CallError when that fails.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include <nlohmann/json.hpp>

#include "ocpp/outcome.hpp"
#include "ocpp/schema/registry.hpp"

namespace ocpp {

template <class T>
struct IsOutcome : std::false_type {};
template <class T, class E>
struct IsOutcome<Outcome<T, E>> : std::true_type {};

class Router {
 public:
  using RawHandler = std::function<Outcome<nlohmann::json>(const nlohmann::json&)>;

  explicit Router(const schema::Registry& registry = schema::Registry::instance()) : registry_(registry) {}

  // `handler(const Request&)` returns Request::Response, or Outcome<Request::Response> to answer with a
  // CALLERROR of its choosing.
  template <class Request, class Handler>
  void on(Handler handler) {
    on_raw(std::string(Request::action),
           [handler = std::move(handler)](const nlohmann::json& payload) -> Outcome<nlohmann::json> {
             // Decoded apart from the call, so that a json exception thrown by the handler itself is
             // reported as our InternalError, not as the peer's TypeConstraintViolation.
             std::optional<Request> request;
             try {
               request.emplace(payload.get<Request>());
             } catch (const nlohmann::json::exception& e) {
               // The schema passed but our types cannot hold a value (an enum or a date we do not know).
               return make_error(rpc::ErrorCode::TypeConstraintViolation, e.what());
             }
             auto result = handler(std::as_const(*request));
             if constexpr (IsOutcome<decltype(result)>::value) {
               if (!result.ok()) return result.error();
               return nlohmann::json(result.value());
             } else {
               static_assert(std::is_same_v<decltype(result), typename Request::Response>,
                             "a handler returns Request::Response or Outcome<Request::Response>");
               return nlohmann::json(result);
             }
           });
  }
  void on_raw(std::string action, RawHandler handler);
  void remove(std::string_view action);
  bool handles(std::string_view action) const;

  Outcome<nlohmann::json> dispatch(std::string_view action, const nlohmann::json& payload) const;

  const schema::Registry& registry() const { return registry_; }

 private:
  const schema::Registry& registry_;
  std::map<std::string, RawHandler, std::less<>> handlers_;
};

}  // namespace ocpp
