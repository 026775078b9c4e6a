#include "store/charge_point_repository.hpp"

namespace csms::store {

namespace {

constexpr std::string_view k_columns =
    "id, password_hash, registration, boot_json, booted_at_ms, first_seen_ms, last_seen_ms, "
    "last_connected_ms, last_disconnected_ms, last_disconnect_reason";

StoredChargePoint read_charge_point(const Statement& row) {
  return StoredChargePoint{row.column_text(0),           row.column_optional_text(1),
                           row.column_text(2),           row.column_optional_text(3),
                           row.column_optional_int64(4), row.column_int64(5),
                           row.column_optional_int64(6), row.column_optional_int64(7),
                           row.column_optional_int64(8), row.column_optional_text(9)};
}

}  // namespace

Result<bool> ChargePointRepository::insert_if_missing(
    std::string_view id, std::string_view registration,
    const std::optional<std::string>& password_hash, UnixMs now_ms) {
  auto statement = Statement::prepare(
      db_,
      "INSERT INTO charge_points (id, password_hash, registration, first_seen_ms) "
      "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (id) DO NOTHING");
  if (!statement) return statement.error();
  statement->bind(1, id).bind(2, password_hash).bind(3, registration).bind(4, now_ms);
  auto changed = statement->run();
  if (!changed) return changed.error();
  return *changed > 0;
}

Result<std::optional<StoredChargePoint>> ChargePointRepository::find(std::string_view id) {
  auto statement = Statement::prepare(
      db_, "SELECT " + std::string(k_columns) + " FROM charge_points WHERE id = ?1");
  if (!statement) return statement.error();
  statement->bind(1, id);
  auto row = statement->step();
  if (!row) return row.error();
  if (!*row) return std::optional<StoredChargePoint>{};
  return std::optional<StoredChargePoint>{read_charge_point(*statement)};
}

Result<std::vector<StoredChargePoint>> ChargePointRepository::all() {
  auto statement = Statement::prepare(
      db_, "SELECT " + std::string(k_columns) + " FROM charge_points ORDER BY id");
  if (!statement) return statement.error();
  std::vector<StoredChargePoint> found;
  if (auto done = for_each_row(
          *statement, [&](const Statement& row) { found.push_back(read_charge_point(row)); });
      !done) {
    return done.error();
  }
  return found;
}

Result<bool> ChargePointRepository::update(std::string_view sql, std::string_view id,
                                           auto&&... values) {
  auto statement = Statement::prepare(db_, sql);
  if (!statement) return statement.error();
  statement->bind(1, id);
  int index = 2;
  ((statement->bind(index++, values)), ...);
  auto changed = statement->run();
  if (!changed) return changed.error();
  return *changed > 0;
}

Result<bool> ChargePointRepository::remove(std::string_view id) {
  return update("DELETE FROM charge_points WHERE id = ?1", id);
}

Result<bool> ChargePointRepository::set_registration(std::string_view id,
                                                     std::string_view registration) {
  return update(
      "UPDATE charge_points SET registration = ?2 WHERE id = ?1 AND registration IS NOT ?2", id,
      registration);
}

Result<bool> ChargePointRepository::set_password_hash(std::string_view id,
                                                      const std::optional<std::string>& hash) {
  return update("UPDATE charge_points SET password_hash = ?2 WHERE id = ?1", id, hash);
}

Result<bool> ChargePointRepository::record_boot(std::string_view id, std::string_view boot_json,
                                                UnixMs at_ms) {
  return update(
      "UPDATE charge_points SET boot_json = ?2, booted_at_ms = ?3, last_seen_ms = max(?3, "
      "coalesce(last_seen_ms, ?3)) WHERE id = ?1",
      id, boot_json, at_ms);
}

Result<bool> ChargePointRepository::record_connected(std::string_view id, UnixMs at_ms) {
  return update("UPDATE charge_points SET last_connected_ms = ?2 WHERE id = ?1", id, at_ms);
}

Result<bool> ChargePointRepository::record_disconnected(std::string_view id, UnixMs at_ms,
                                                        std::string_view reason) {
  return update(
      "UPDATE charge_points SET last_disconnected_ms = ?2, last_disconnect_reason = ?3 WHERE id = "
      "?1",
      id, at_ms, reason);
}

Result<bool> ChargePointRepository::update_last_seen(std::string_view id, UnixMs at_ms) {
  return update(
      "UPDATE charge_points SET last_seen_ms = ?2 WHERE id = ?1 AND (last_seen_ms IS NULL OR "
      "last_seen_ms < ?2)",
      id, at_ms);
}

Result<void> ConnectorRepository::put(std::string_view charge_point_id,
                                      const StoredConnector& connector) {
  auto statement = Statement::prepare(
      db_,
      "INSERT INTO connectors (charge_point_id, connector_id, status, error_code, info, "
      "vendor_error_code, "
      "status_at_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (charge_point_id, "
      "connector_id) DO UPDATE "
      "SET status = excluded.status, error_code = excluded.error_code, info = excluded.info, "
      "vendor_error_code = excluded.vendor_error_code, status_at_ms = excluded.status_at_ms");
  if (!statement) return statement.error();
  statement->bind(1, charge_point_id)
      .bind(2, std::int64_t{connector.connector_id})
      .bind(3, connector.status)
      .bind(4, connector.error_code)
      .bind(5, connector.info)
      .bind(6, connector.vendor_error_code)
      .bind(7, connector.status_at_ms);
  auto changed = statement->run();
  if (!changed) return changed.error();
  return {};
}

Result<std::vector<StoredConnector>> ConnectorRepository::for_charge_point(
    std::string_view charge_point_id) {
  auto statement = Statement::prepare(
      db_,
      "SELECT connector_id, status, error_code, info, vendor_error_code, status_at_ms "
      "FROM connectors WHERE charge_point_id = ?1 ORDER BY connector_id");
  if (!statement) return statement.error();
  statement->bind(1, charge_point_id);
  std::vector<StoredConnector> found;
  auto done = for_each_row(*statement, [&](const Statement& row) {
    found.push_back(StoredConnector{static_cast<int>(row.column_int64(0)), row.column_text(1),
                                    row.column_text(2), row.column_optional_text(3),
                                    row.column_optional_text(4), row.column_int64(5)});
  });
  if (!done) return done.error();
  return found;
}

Result<void> ConfigurationRepository::put(std::string_view charge_point_id,
                                          const ConfigurationSnapshot& snapshot) {
  auto statement = Statement::prepare(
      db_,
      "INSERT INTO configuration_snapshots (charge_point_id, keys_json, unknown_keys, read_at_ms) "
      "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (charge_point_id) DO UPDATE SET keys_json = "
      "excluded.keys_json, "
      "unknown_keys = excluded.unknown_keys, read_at_ms = excluded.read_at_ms");
  if (!statement) return statement.error();
  statement->bind(1, charge_point_id)
      .bind(2, snapshot.keys_json)
      .bind(3, snapshot.unknown_keys)
      .bind(4, snapshot.read_at_ms);
  auto changed = statement->run();
  if (!changed) return changed.error();
  return {};
}

Result<std::optional<ConfigurationSnapshot>> ConfigurationRepository::get(
    std::string_view charge_point_id) {
  auto statement = Statement::prepare(db_,
                                      "SELECT keys_json, unknown_keys, read_at_ms FROM "
                                      "configuration_snapshots WHERE charge_point_id = ?1");
  if (!statement) return statement.error();
  statement->bind(1, charge_point_id);
  auto row = statement->step();
  if (!row) return row.error();
  if (!*row) return std::optional<ConfigurationSnapshot>{};
  return std::optional<ConfigurationSnapshot>{ConfigurationSnapshot{
      statement->column_text(0), statement->column_text(1), statement->column_int64(2)}};
}

}  // namespace csms::store
