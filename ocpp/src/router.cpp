#include "ocpp/router.hpp"

#include <spdlog/spdlog.h>

namespace ocpp {

using rpc::ErrorCode;
using schema::MessageKind;

void Router::on_raw(std::string action, RawHandler handler) { handlers_[std::move(action)] = std::move(handler); }

void Router::remove(std::string_view action) {
  if (const auto it = handlers_.find(action); it != handlers_.end()) handlers_.erase(it);
}

bool Router::handles(std::string_view action) const { return handlers_.find(action) != handlers_.end(); }

Outcome<nlohmann::json> Router::dispatch(std::string_view action, const nlohmann::json& payload) const {
  if (!registry_.knows(action)) {
    return make_error(ErrorCode::NotImplemented, "unknown action " + std::string(action).substr(0, 60));
  }
  const auto handler = handlers_.find(action);
  if (handler == handlers_.end()) {
    return make_error(ErrorCode::NotSupported, std::string(action) + " is not supported here");
  }
  if (auto problem = registry_.validate(action, MessageKind::Request, payload)) {
    const std::string where = problem->path.empty() ? "payload" : problem->path;
    return make_error(problem->code, where + ": " + problem->message, {{"field", problem->path}});
  }
  try {
    auto response = handler->second(payload);
    if (!response.ok()) return response;
    if (auto problem = registry_.validate(action, MessageKind::Response, response.value())) {
      // Our bug, not the peer's: never put an invalid message on the wire.
      spdlog::error("ocpp: handler of {} produced an invalid response ({}: {}): {}", action, problem->path,
                    problem->message, response.value().dump());
      return make_error(ErrorCode::InternalError, "the response could not be built");
    }
    return response;
  } catch (const std::exception& e) {
    // The safety net of the whole stack: whatever a handler throws, the peer gets an answer.
    spdlog::error("ocpp: handler of {} failed: {}", action, e.what());
    return make_error(ErrorCode::InternalError, "the request could not be handled");
  } catch (...) {
    spdlog::error("ocpp: handler of {} failed with an unknown exception", action);
    return make_error(ErrorCode::InternalError, "the request could not be handled");
  }
}

}  // namespace ocpp
