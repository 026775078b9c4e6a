#include "api/json_views.hpp"

#include "api/request_parsing.hpp"

namespace csms::api {
namespace {

template <class T>
nlohmann::json or_null(const std::optional<T>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

nlohmann::json or_null(const std::optional<Time>& value) {
  return value ? nlohmann::json(format_time(*value)) : nlohmann::json(nullptr);
}

nlohmann::json to_json(const ConnectorView& c) {
  nlohmann::json offered = nullptr;
  if (c.offered) offered = {{"currentA", c.offered->current_a}, {"source", c.offered->source}};
  return {{"connectorId", c.connector_id},
          {"status", c.status},
          {"errorCode", c.error_code},
          {"info", or_null(c.info)},
          {"statusAt", or_null(c.status_at)},
          {"offered", offered},
          {"currentA", or_null(c.current_a)},
          {"powerW", or_null(c.power_w)},
          {"voltageV", or_null(c.voltage_v)},
          {"energyRegisterWh", or_null(c.energy_register_wh)},
          {"sessionEnergyWh", or_null(c.session_energy_wh)},
          {"transactionId", or_null(c.transaction_id)},
          {"transactionStartedAt", or_null(c.transaction_started_at)},
          {"sessionCost", or_null(c.session_cost)},
          {"currency", or_null(c.currency)}};
}

}  // namespace

nlohmann::json to_json(const ChargerView& charger) {
  nlohmann::json connectors = nlohmann::json::array();
  for (const auto& connector : charger.connectors) connectors.push_back(to_json(connector));
  nlohmann::json ct = nlohmann::json::array();
  for (const auto& reading : charger.ct) {
    ct.push_back({{"channel", reading.channel},
                  {"currentA", reading.current_a},
                  {"rawA", or_null(reading.raw_a)},
                  {"at", or_null(reading.at)}});
  }
  return {{"id", charger.id},
          {"connected", charger.connected},
          {"registration", charger.registration},
          {"status", charger.status},
          {"vendor", or_null(charger.vendor)},
          {"model", or_null(charger.model)},
          {"firmware", or_null(charger.firmware)},
          {"lastSeen", or_null(charger.last_seen)},
          {"connectors", connectors},
          {"ct", ct},
          {"messagesIn", charger.messages_in},
          {"messagesOut", charger.messages_out},
          {"errors", charger.errors}};
}

nlohmann::json to_json(const ChargerDetail& detail) {
  auto json = to_json(detail.charger);
  json["configuration"] = detail.configuration;
  json["configurationAt"] = or_null(detail.configuration_at);
  return json;
}

nlohmann::json to_json(const TransactionView& t) {
  std::optional<double> energy;
  if (t.meter_stop_wh) energy = *t.meter_stop_wh - t.meter_start_wh;
  return {{"id", t.id},
          {"chargerId", t.charger_id},
          {"connectorId", t.connector_id},
          {"idTag", t.id_tag},
          {"startedAt", format_time(t.started_at)},
          {"stoppedAt", or_null(t.stopped_at)},
          {"meterStartWh", t.meter_start_wh},
          {"meterStopWh", or_null(t.meter_stop_wh)},
          {"energyWh", or_null(energy)},
          {"stopReason", or_null(t.stop_reason)},
          {"cost", or_null(t.cost)},
          {"currency", or_null(t.currency)}};
}

nlohmann::json to_json(const AuditEntry& e) {
  return {{"id", e.id},
          {"at", format_time(e.at)},
          {"actor", e.actor},
          {"kind", e.kind},
          {"chargerId", or_null(e.charger_id)},
          {"summary", e.summary},
          {"details", e.details}};
}

nlohmann::json to_json(const IdTag& tag) {
  return {{"idTag", tag.id_tag},
          {"status", tag.status},
          {"expiry", or_null(tag.expiry)},
          {"parentIdTag", or_null(tag.parent_id_tag)},
          {"note", or_null(tag.note)}};
}

nlohmann::json to_json(const SeriesPoint& p) {
  nlohmann::json out = {{"at", format_time(p.at)},
                        {"currentA", or_null(p.current_a)},
                        {"powerW", or_null(p.power_w)},
                        {"voltageV", or_null(p.voltage_v)},
                        {"energyWh", or_null(p.energy_wh)}};
  // Only where a CT clamp reported in the step: most charge points have none, and a day of
  // 1-minute points stays small.
  const std::pair<const char*, const std::optional<double>*> ct[] = {
      {"ctSiteA", &p.ct_site_a},          {"ctSolarA", &p.ct_solar_a},
      {"ctVehicleA", &p.ct_vehicle_a},    {"ctSiteRawA", &p.ct_site_raw_a},
      {"ctSolarRawA", &p.ct_solar_raw_a}, {"ctVehicleRawA", &p.ct_vehicle_raw_a}};
  for (const auto& [name, value] : ct) {
    if (*value) out[name] = **value;
  }
  return out;
}

ApiError to_api_error(const PortError& error) {
  switch (error.kind) {
    case PortErrorKind::NotFound:
      return ApiError(404, error.message, error.field);
    case PortErrorKind::Conflict:
      return ApiError(409, error.message, error.field);
    case PortErrorKind::Invalid:
      return ApiError(422, error.message, error.field);
    case PortErrorKind::Unavailable:
      return ApiError(503, error.message, error.field);
  }
  return ApiError(500, error.message, error.field);
}

}  // namespace csms::api
