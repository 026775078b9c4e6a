#include <array>

#include "api/json_views.hpp"
#include "api/routes.hpp"

namespace csms::api {
namespace {

constexpr std::array<std::string_view, 19> central_system_actions = {"CancelReservation",
                                                                     "ChangeAvailability",
                                                                     "ChangeConfiguration",
                                                                     "ClearCache",
                                                                     "ClearChargingProfile",
                                                                     "DataTransfer",
                                                                     "GetCompositeSchedule",
                                                                     "GetConfiguration",
                                                                     "GetDiagnostics",
                                                                     "GetLocalListVersion",
                                                                     "RemoteStartTransaction",
                                                                     "RemoteStopTransaction",
                                                                     "ReserveNow",
                                                                     "Reset",
                                                                     "SendLocalList",
                                                                     "SetChargingProfile",
                                                                     "TriggerMessage",
                                                                     "UnlockConnector",
                                                                     "UpdateFirmware"};

// At most this many points per series request: bounds the answer (and the database work).
constexpr std::int64_t max_series_points = 10'000;

net::HttpResponse command_failed(const CommandError& error) {
  int status = 502;  // the charge point answered with a CALLERROR: a bad upstream answer
  std::string code = "call_error";
  if (error.kind == CommandErrorKind::NotConnected) {
    status = 409;
    code = "not_connected";
  } else if (error.kind == CommandErrorKind::Timeout) {
    status = 504;
    code = "timeout";
  }
  nlohmann::json body = {{"status", status}, {"message", error.description}, {"code", code}};
  if (error.kind == CommandErrorKind::CallError) body["callError"] = error.code;
  return json_response(status, {{"error", body}});
}

void send_command(CentralSystemPort& port, std::size_t max_body_bytes, ApiRequest& request,
                  Responder responder) {
  const auto& action = request.param("action");
  if (!is_central_system_action(action)) {
    throw ApiError(404, "\"" + action + "\" is not an OCPP 1.6 message a central system can send",
                   "action");
  }
  // An empty body is an empty payload (ClearCache, GetLocalListVersion take none).
  auto payload = request.http.body.empty() ? nlohmann::json::object()
                                           : json_body(request.http, max_body_bytes);
  const auto& id = request.param("id");
  throw_if_error(port.send_command(
      id, action, std::move(payload), request.actor(), [responder](CommandOutcome outcome) {
        if (const auto* error = std::get_if<CommandError>(&outcome)) {
          return responder->respond(command_failed(*error));
        }
        responder->respond(json_response(200, {{"result", std::get<nlohmann::json>(outcome)}}));
      }));
}

net::HttpResponse series(CentralSystemPort& port, ApiRequest& request) {
  SeriesQuery query;
  query.charger_id = request.param("id");
  const auto from = request.query.time("from");
  const auto to = request.query.time("to");
  if (!from) throw ApiError(400, "query parameter \"from\" is required", "from");
  if (!to) throw ApiError(400, "query parameter \"to\" is required", "to");
  if (*to <= *from) throw ApiError(400, "\"to\" must be after \"from\"", "to");
  query.from = *from;
  query.to = *to;
  query.step = std::chrono::seconds(request.query.integer("step", 1, 86'400).value_or(60));
  if (const auto connector = request.query.integer("connector", 0, 100)) {
    query.connector_id = static_cast<int>(*connector);
  }
  const auto span_s = std::chrono::duration_cast<std::chrono::seconds>(*to - *from).count();
  if (span_s / query.step.count() > max_series_points) {
    throw ApiError(400,
                   "at most " + std::to_string(max_series_points) +
                       " points per request: choose a larger step or a shorter range",
                   "step");
  }
  nlohmann::json points = nlohmann::json::array();
  for (const auto& point : value_or_throw(port.series(query))) points.push_back(to_json(point));
  return json_response(200, {{"chargerId", query.charger_id},
                             {"from", format_time(query.from)},
                             {"to", format_time(query.to)},
                             {"stepS", query.step.count()},
                             {"points", points}});
}

nlohmann::json frame_log(CentralSystemPort& port, const std::string& id) {
  const auto log = value_or_throw(port.frame_log(id));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& f : log.frames) {
    items.push_back({{"at", format_time(f.at)},
                     {"direction", f.direction},
                     {"type", f.type},
                     {"messageId", f.message_id ? nlohmann::json(*f.message_id) : nullptr},
                     {"action", f.action ? nlohmann::json(*f.action) : nullptr},
                     {"frame", f.frame},
                     {"bytes", f.size_bytes},
                     {"truncated", f.truncated}});
  }
  return {{"chargerId", id}, {"capacity", log.capacity}, {"items", items}};
}

}  // namespace

bool is_central_system_action(std::string_view action) {
  for (const auto known : central_system_actions) {
    if (known == action) return true;
  }
  return false;
}

void add_charger_routes(Router& router, CentralSystemPort& port, std::size_t max_body_bytes) {
  router.add("GET", "/api/chargers", Access::User, [&port](ApiRequest&) {
    // With each one's configuration snapshot, so that the web UI loads with one request.
    nlohmann::json list = nlohmann::json::array();
    for (const auto& charger : port.chargers()) {
      auto detail = port.charger(charger.id);
      const auto* found = std::get_if<ChargerDetail>(&detail);
      list.push_back(found != nullptr ? to_json(*found) : to_json(charger));
    }
    return json_response(200, {{"chargers", list}});
  });
  router.add("GET", "/api/chargers/{id}", Access::User, [&port](ApiRequest& request) {
    return json_response(200, to_json(value_or_throw(port.charger(request.param("id")))));
  });
  router.add("GET", "/api/chargers/{id}/record", Access::User, [&port](ApiRequest& request) {
    return json_response(200, value_or_throw(port.charger_record(request.param("id"))));
  });
  router.add("GET", "/api/chargers/{id}/log", Access::User, [&port](ApiRequest& request) {
    return json_response(200, frame_log(port, request.param("id")));
  });
  for (const bool accept : {true, false}) {
    router.add("POST", accept ? "/api/chargers/{id}/accept" : "/api/chargers/{id}/reject",
               Access::User, [&port, accept](ApiRequest& request) {
                 const auto& id = request.param("id");
                 throw_if_error(port.set_registration(id, accept, request.actor()));
                 return json_response(
                     200, {{"id", id}, {"registration", accept ? "Accepted" : "Rejected"}});
               });
  }
  router.add_async("POST", "/api/chargers/{id}/commands/{action}", Access::User,
                   [&port, max_body_bytes](ApiRequest& request, Responder responder) {
                     send_command(port, max_body_bytes, request, std::move(responder));
                   });
  router.add("GET", "/api/chargers/{id}/series", Access::User,
             [&port](ApiRequest& request) { return series(port, request); });
}

}  // namespace csms::api
