#pragma once
// Charge points: identity, credentials, registration state, boot data and when they were last seen;
// and each connector's last status (OCPP 1.6 §4.9).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/sqlite.hpp"

namespace csms::store {

struct StoredChargePoint {
  std::string id;
  std::optional<std::string> password_hash;
  std::string registration;  // Accepted, Pending or Rejected
  std::optional<std::string> boot_json;
  std::optional<UnixMs> booted_at_ms;
  UnixMs first_seen_ms = 0;
  std::optional<UnixMs> last_seen_ms;
  std::optional<UnixMs> last_connected_ms;
  std::optional<UnixMs> last_disconnected_ms;
  std::optional<std::string> last_disconnect_reason;
};

class ChargePointRepository {
 public:
  explicit ChargePointRepository(Database& db) : db_(db) {}

  // true when the row was added, false when the id was already there (then nothing changes).
  Result<bool> insert_if_missing(std::string_view id, std::string_view registration,
                                 const std::optional<std::string>& password_hash, UnixMs now_ms);
  Result<std::optional<StoredChargePoint>> find(std::string_view id);
  Result<std::vector<StoredChargePoint>> all();
  Result<bool> remove(std::string_view id);

  // Each returns false (NotFound is not an error here) when the id is not stored.
  Result<bool> set_registration(std::string_view id, std::string_view registration);
  Result<bool> set_password_hash(std::string_view id, const std::optional<std::string>& hash);
  Result<bool> record_boot(std::string_view id, std::string_view boot_json, UnixMs at_ms);
  Result<bool> record_connected(std::string_view id, UnixMs at_ms);
  Result<bool> record_disconnected(std::string_view id, UnixMs at_ms, std::string_view reason);
  // Only moves forward: a late flush never takes last_seen back.
  Result<bool> update_last_seen(std::string_view id, UnixMs at_ms);

 private:
  Result<bool> update(std::string_view sql, std::string_view id, auto&&... values);
  Database& db_;
};

struct StoredConnector {
  int connector_id = 0;
  std::string status;
  std::string error_code;
  std::optional<std::string> info;
  std::optional<std::string> vendor_error_code;
  UnixMs status_at_ms = 0;
};

class ConnectorRepository {
 public:
  explicit ConnectorRepository(Database& db) : db_(db) {}
  Result<void> put(std::string_view charge_point_id, const StoredConnector& connector);
  Result<std::vector<StoredConnector>> for_charge_point(std::string_view charge_point_id);

 private:
  Database& db_;
};

struct ConfigurationSnapshot {
  std::string keys_json;     // {"<key>": {"value": "...", "readonly": bool}}
  std::string unknown_keys;  // comma-separated, as the charge point listed them
  UnixMs read_at_ms = 0;
};

class ConfigurationRepository {
 public:
  explicit ConfigurationRepository(Database& db) : db_(db) {}
  Result<void> put(std::string_view charge_point_id, const ConfigurationSnapshot& snapshot);
  Result<std::optional<ConfigurationSnapshot>> get(std::string_view charge_point_id);

 private:
  Database& db_;
};

}  // namespace csms::store
