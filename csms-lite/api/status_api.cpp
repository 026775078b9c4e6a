#include "api/status_api.hpp"

#include "common/percent_encoding.hpp"

namespace csms {
namespace {

net::HttpResponse json_response(int status, const nlohmann::json& body) {
  net::HttpResponse response;
  response.status = status;
  response.content_type = "application/json";
  response.headers.emplace_back("Cache-Control", "no-store");
  response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return response;
}

net::HttpResponse error(int status, std::string message) { return json_response(status, {{"error", std::move(message)}}); }

template <class T>
nlohmann::json optional_json(const std::optional<T>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

}  // namespace

nlohmann::json charge_point_json(const ChargePointRecord& record) {
  nlohmann::json connectors = nlohmann::json::object();
  for (const auto& [id, state] : record.connectors) {
    connectors[std::to_string(id)] = {{"status", state.status},
                                      {"errorCode", state.error_code},
                                      {"info", optional_json(state.info)},
                                      {"timestamp", state.timestamp}};
  }
  return {{"id", record.id},
          {"connected", record.connected},
          {"remoteAddress", record.connected ? nlohmann::json(record.remote_address) : nlohmann::json(nullptr)},
          {"connectedSince", optional_json(record.connected_since)},
          {"lastSeen", optional_json(record.last_seen)},
          {"boot", optional_json(record.boot)},
          {"bootedAt", optional_json(record.booted_at)},
          {"lastHeartbeat", optional_json(record.last_heartbeat)},
          {"connectors", connectors},
          {"lastMeterValues", record.last_meter_values},
          {"configuration", record.configuration},
          {"messagesIn", record.messages_in}};
}

net::HttpResponse StatusApi::handle(const net::HttpRequest& request) {
  std::string_view path = request.target;
  path = path.substr(0, path.find('?'));
  if (!path.starts_with("/api/")) return files_.handle(request);
  if (request.method != "GET" && request.method != "HEAD") return error(405, "only GET is supported here");

  constexpr std::string_view k_prefix = "/api/v1/charge-points";
  if (path == k_prefix) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& [id, record] : registry_.all()) list.push_back(charge_point_json(record));
    return json_response(200, {{"chargePoints", list}});
  }
  if (path.starts_with(k_prefix) && path.size() > k_prefix.size() + 1 && path[k_prefix.size()] == '/') {
    const auto id = common::percent_decode(path.substr(k_prefix.size() + 1));
    if (!id) return error(400, "the charge point id in the path is not correctly percent-encoded");
    const auto it = registry_.all().find(*id);
    if (it == registry_.all().end()) return error(404, "no charge point \"" + *id + "\"");
    return json_response(200, charge_point_json(it->second));
  }
  return error(404, "no such API endpoint: " + std::string(path));
}

}  // namespace csms
