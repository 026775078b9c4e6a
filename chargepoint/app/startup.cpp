#include "app/startup.hpp"

#include <filesystem>

#include <spdlog/spdlog.h>

#include "ocpp/schema/registry.hpp"

namespace chargepoint {

namespace {

constexpr const char* k_config_prefix = "ocpp.";  // persisted OCPP configuration keys

}  // namespace

ocpp::messages::BootNotificationRequest boot_identity(const common::ConfigValues& settings,
                                                      const char* version) {
  ocpp::messages::BootNotificationRequest identity;
  identity.chargePointVendor = settings.get_string("identity.vendor");
  identity.chargePointModel = settings.get_string("identity.model");
  if (const auto& serial = settings.get_string("identity.serial_number"); !serial.empty()) {
    identity.chargePointSerialNumber = serial;
  }
  identity.firmwareVersion = version;
  return identity;
}

// The identity settings end up in BootNotification, whose schema limits their length
// (CiString20/25Type): refuse them at start-up rather than send a BootNotification every central
// system must reject.
bool identity_is_valid(const ocpp::messages::BootNotificationRequest& identity) {
  const auto problem = ocpp::schema::Registry::instance().validate(
      "BootNotification", ocpp::schema::MessageKind::Request, nlohmann::json(identity));
  if (!problem) return true;
  const std::string setting = problem->path == "chargePointVendor"  ? "identity.vendor"
                              : problem->path == "chargePointModel" ? "identity.model"
                              : problem->path == "chargePointSerialNumber"
                                  ? "identity.serial_number"
                                  : problem->path;
  spdlog::critical("configuration: {}: {} (OCPP 1.6 BootNotification limit)", setting,
                   problem->message);
  return false;
}

net::WsClientOptions link_options(const common::ConfigValues& settings,
                                  const ConfigurationStore& config) {
  net::WsClientOptions options;
  options.endpoint_url = settings.get_string("ocpp.central_system_url");
  options.charge_point_id = settings.get_string("ocpp.charge_point_id");
  if (const auto key = config.get("AuthorizationKey"); key && !key->empty())
    options.authorization_key = *key;
  options.ca_file = settings.get_string("network.ca_file");
  options.verify_peer = settings.get_bool("network.verify_peer");
  options.reconnect_min = settings.get_seconds("network.reconnect_min_s");
  options.reconnect_max = settings.get_seconds("network.reconnect_max_s");
  options.pong_timeout = settings.get_seconds("network.pong_timeout_s");
  options.connect_timeout = settings.get_seconds("network.connect_timeout_s");
  options.ping_interval = std::chrono::seconds(config.get_int("WebSocketPingInterval"));
  return options;
}

std::optional<store::Database> open_database(const std::string& path) {
  if (path != ":memory:") {
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
  }
  auto options = store::chargepoint_open_options();
  options.exclusive = true;  // the daemon is the file's only user: no -shm file to write back
  auto db = store::Database::open(path, options);
  if (db.ok()) return std::move(db.value());
  if (db.error().kind == store::ErrorKind::Corrupt) {
    spdlog::critical("storage: {}", db.error().message);
    auto fresh =
        store::Database::move_aside_and_recreate(path, std::chrono::system_clock::now(), options);
    if (fresh.ok()) {
      spdlog::critical("storage: the damaged database was moved to {}; starting with an empty one",
                       fresh.value().moved_to);
      return std::move(fresh.value().database);
    }
    spdlog::critical("storage: could not recreate the database: {}", fresh.error().message);
    return std::nullopt;
  }
  spdlog::critical("storage: cannot open {}: {}", path, db.error().message);
  return std::nullopt;
}

// Configuration changed by the central system survives restarts; the settings file only seeds it.
void persist_configuration(ConfigurationStore& config, KeyValueStore& values) {
  for (const auto key : config.keys()) {
    const std::string stored_key = k_config_prefix + std::string(key);
    if (const auto value = values.get(stored_key); value && !config.set_internal(key, *value)) {
      spdlog::warn("storage: ignoring stored value '{}' of {}: not valid any more", *value, key);
    }
  }
  config.on_change([&values](std::string_view key, const std::string& value) {
    values.put(k_config_prefix + std::string(key), value);
  });
}

}  // namespace chargepoint
