// CentralSystem's reads and the id tag table: JSON shaped for the API.
#include <spdlog/spdlog.h>

#include "features/central_system.hpp"
#include "features/meter_readings.hpp"

namespace csms {

namespace {

nlohmann::json time_or_null(const std::optional<std::int64_t>& ms) {
  if (!ms) return nullptr;
  return ocpp::DateTime(ocpp::TimePoint(std::chrono::milliseconds(*ms)));
}

template <class T>
nlohmann::json optional_json(const std::optional<T>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

nlohmann::json readings_json(const std::map<std::string, Reading>& readings) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [key, reading] : readings)
    out[key] = {{"value", reading.value}, {"unit", reading.unit}, {"at", reading.at}};
  return out;
}

nlohmann::json transaction_json(const store::StoredTransaction& t) {
  return {{"transactionId", t.id},
          {"chargePointId", t.start.charge_point_id},
          {"connectorId", t.start.connector_id},
          {"idTag", t.start.id_tag},
          {"reservationId", optional_json(t.start.reservation_id)},
          {"start", time_or_null(t.start.start_ms)},
          {"meterStartWh", t.start.meter_start_wh},
          {"stop", time_or_null(t.stop_ms)},
          {"meterStopWh", optional_json(t.meter_stop_wh)},
          {"energyWh", t.meter_stop_wh ? nlohmann::json(*t.meter_stop_wh - t.start.meter_start_wh)
                                       : nlohmann::json()},
          {"stopReason", optional_json(t.stop_reason)},
          {"stopIdTag", optional_json(t.stop_id_tag)}};
}

nlohmann::json sample_json(const store::MeterSample& s) {
  return {{"at", time_or_null(s.at_ms)},
          {"connectorId", s.connector_id},
          {"transactionId", optional_json(s.transaction_id)},
          {"measurand", s.measurand},
          {"phase", s.phase.empty() ? nlohmann::json(nullptr) : nlohmann::json(s.phase)},
          {"unit", s.unit},
          {"value", static_cast<double>(s.value_milli) / 1000.0},
          {"count", s.count}};
}

nlohmann::json id_tag_json(const store::StoredIdTag& tag) {
  return {{"idTag", tag.id_tag},
          {"status", tag.status},
          {"expiryDate", time_or_null(tag.expiry_ms)},
          {"parentIdTag", optional_json(tag.parent_id_tag)},
          {"updatedAt", time_or_null(tag.updated_at_ms)}};
}

template <class T>
T or_empty(store::Result<T> result, std::string_view what) {
  if (!result) {
    spdlog::error("store: {}: {}", what, result.error().message);
    return T{};
  }
  return std::move(*result);
}

}  // namespace

nlohmann::json charge_point_state_json(const ChargePointState& state) {
  nlohmann::json connectors = nlohmann::json::object();
  for (const auto& [id, c] : state.connectors) {
    nlohmann::json offered = nullptr;
    if (c.offered) {
      offered = {{"limitA", c.offered->limit_a},
                 {"source", c.offered->source},
                 {"phases", optional_json(c.offered->phases)},
                 {"nextChange", optional_json(c.offered->next_change)},
                 {"detail", optional_json(c.offered->detail)},
                 {"at", c.offered->at}};
    }
    connectors[std::to_string(id)] = {{"status", c.status},
                                      {"errorCode", c.error_code},
                                      {"info", optional_json(c.info)},
                                      {"timestamp", c.timestamp},
                                      {"transactionId", optional_json(c.transaction_id)},
                                      {"summary", readings_summary(c)},
                                      {"readings", readings_json(c.readings)},
                                      {"ctReadings", readings_json(c.ct_readings)},
                                      {"offered", offered}};
  }
  return {{"id", state.id},
          {"registration", to_string(state.registration)},
          {"hasPassword", state.password_hash.has_value()},
          {"connected", state.connected},
          {"remoteAddress",
           state.connected ? nlohmann::json(state.remote_address) : nlohmann::json(nullptr)},
          {"connectedSince", optional_json(state.connected_since)},
          {"lastSeen", optional_json(state.last_seen)},
          {"boot", state.last_boot},
          {"bootedAt", optional_json(state.last_boot_at)},
          {"lastHeartbeat", optional_json(state.last_heartbeat)},
          {"connectors", connectors}};
}

nlohmann::json CentralSystem::charge_points() const {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& [id, record] : registry_.all()) list.push_back(charge_point_state_json(record));
  return list;
}

std::optional<nlohmann::json> CentralSystem::charge_point(std::string_view id) {
  const auto* record = registry_.find(id);
  if (record == nullptr) return std::nullopt;
  auto json = charge_point_state_json(*record);
  json["configuration"] =
      record->configuration.is_null() ? nlohmann::json::object() : record->configuration;
  json["configurationReadAt"] = optional_json(record->configuration_read_at);
  nlohmann::json open = nlohmann::json::array();
  for (const auto& t : or_empty(store_.transactions.open_for(id), "open transactions"))
    open.push_back(transaction_json(t));
  json["openTransactions"] = open;
  return json;
}

nlohmann::json CentralSystem::transactions(std::string_view charge_point_id,
                                           std::optional<std::int64_t> before_id, int limit) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& t :
       or_empty(store_.transactions.page(charge_point_id, before_id, limit), "transactions")) {
    list.push_back(transaction_json(t));
  }
  return list;
}

std::optional<nlohmann::json> CentralSystem::meter_series(std::string_view charge_point_id,
                                                          common::WallTime from,
                                                          common::WallTime to, int resolution_s,
                                                          std::string_view measurand, int limit,
                                                          std::string* error) {
  const auto from_ms = unix_ms(from);
  const auto to_ms = unix_ms(to);
  auto rows = store_.meters.series(charge_point_id, resolution_s, from_ms, to_ms, measurand, limit);
  if (!rows) {
    if (error != nullptr) *error = rows.error().message;
    return std::nullopt;
  }
  nlohmann::json samples = nlohmann::json::array();
  for (const auto& row : *rows) samples.push_back(sample_json(row));
  // Samples still in the write buffer are newer than anything stored: append them, so the API never
  // has to force a flush (which would cost the card a commit per request).
  if (resolution_s == 0) {
    for (const auto& row : store_.buffer.pending_samples()) {
      if (samples.size() >= static_cast<std::size_t>(limit)) break;
      if (row.charge_point_id == charge_point_id && row.at_ms >= from_ms && row.at_ms < to_ms &&
          (measurand.empty() || row.measurand == measurand)) {
        samples.push_back(sample_json(row));
      }
    }
  }
  return nlohmann::json{
      {"chargePointId", charge_point_id}, {"resolutionS", resolution_s}, {"samples", samples}};
}

nlohmann::json CentralSystem::audit_log(std::string_view charge_point_id,
                                        std::optional<std::int64_t> before_id, int limit) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& e :
       or_empty(store_.commands.page(charge_point_id, before_id, limit), "audit log")) {
    list.push_back({{"id", e.id},
                    {"chargePointId", e.charge_point_id},
                    {"action", e.action},
                    {"requestedBy", e.requested_by},
                    {"payload", nlohmann::json::parse(e.payload_json, nullptr, false)},
                    {"sentAt", time_or_null(e.sent_ms)},
                    {"outcome", e.outcome},
                    {"result", e.result_json ? nlohmann::json::parse(*e.result_json, nullptr, false)
                                             : nlohmann::json()},
                    {"error", optional_json(e.error_code)},
                    {"errorDescription", optional_json(e.error_description)},
                    {"finishedAt", time_or_null(e.finished_ms)}});
  }
  return list;
}

nlohmann::json CentralSystem::events_log(std::string_view charge_point_id, std::string_view kind,
                                         std::optional<std::int64_t> before_id, int limit) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& e :
       or_empty(store_.events.page(charge_point_id, kind, before_id, limit), "event log")) {
    list.push_back({{"id", e.id},
                    {"chargePointId", e.charge_point_id},
                    {"kind", e.kind},
                    {"detail", nlohmann::json::parse(e.detail_json, nullptr, false)},
                    {"at", time_or_null(e.at_ms)}});
  }
  return list;
}

nlohmann::json CentralSystem::id_tags() {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& tag : or_empty(store_.id_tags.all(), "id tags"))
    list.push_back(id_tag_json(tag));
  return list;
}

std::optional<nlohmann::json> CentralSystem::id_tag(std::string_view id_tag) {
  auto found = store_.id_tags.find(id_tag);
  if (!found || !*found) return std::nullopt;
  return id_tag_json(**found);
}

ChangeResult CentralSystem::put_id_tag(const nlohmann::json& tag) {
  if (!tag.is_object()) return {"an id tag is a JSON object", false};
  store::StoredIdTag stored;
  const auto text = [&](const char* key) -> std::optional<std::string> {
    const auto it = tag.find(key);
    if (it == tag.end() || it->is_null()) return std::nullopt;
    if (!it->is_string()) throw std::invalid_argument(std::string(key) + " must be a string");
    return it->get<std::string>();
  };
  try {
    stored.id_tag = text("idTag").value_or("");
    stored.status = text("status").value_or("Accepted");
    stored.parent_id_tag = text("parentIdTag");
    if (const auto expiry = text("expiryDate")) {
      const auto parsed = ocpp::DateTime::parse(*expiry);
      if (!parsed) return {"expiryDate \"" + *expiry + "\" is not an RFC 3339 date-time", false};
      stored.expiry_ms = unix_ms(*parsed);
    }
  } catch (const std::invalid_argument& e) {
    return {e.what(), false};
  }
  stored.updated_at_ms = unix_ms(clock_.now());
  if (auto done = store_.id_tags.put(stored); !done) return {done.error().message, false};
  return {};
}

ChangeResult CentralSystem::remove_id_tag(std::string_view id_tag) {
  auto removed = store_.id_tags.remove(id_tag);
  if (!removed) return {removed.error().message, false};
  if (!*removed) return {"no id tag \"" + std::string(id_tag) + "\"", true};
  return {};
}

std::optional<std::string> CentralSystem::setting(std::string_view key) {
  auto value = store_.settings.get(key);
  if (!value) {
    spdlog::error("store: setting {}: {}", key, value.error().message);
    return std::nullopt;
  }
  return *value;
}

ChangeResult CentralSystem::put_setting(std::string_view key, std::string_view value) {
  if (auto done = store_.settings.put(key, value); !done) return {done.error().message, false};
  return {};
}

}  // namespace csms
