#pragma once
// Start-up steps of the daemon that need the settings: the BootNotification identity, the WebSocket
// options, the database, and the OCPP configuration persisted across restarts.
#include <optional>

#include "chargepoint/net/ws_client.hpp"
#include "common/config.hpp"
#include "domain/configuration_store.hpp"
#include "domain/persistence_ports.hpp"
#include "ocpp/messages/boot_notification.hpp"
#include "store/migrations.hpp"

namespace chargepoint {

ocpp::messages::BootNotificationRequest boot_identity(const common::ConfigValues& settings,
                                                      const char* version);
// The identity settings end up in BootNotification, whose schema limits their length
// (CiString20/25Type): refuse them at start-up rather than send a BootNotification every central
// system must reject. Logs which setting is wrong.
bool identity_is_valid(const ocpp::messages::BootNotificationRequest& identity);
net::WsClientOptions link_options(const common::ConfigValues& settings,
                                  const ConfigurationStore& config);
// Opens (creating its folder) or, when corrupt, moves aside and recreates the database; nullopt
// after logging why when neither works.
std::optional<store::Database> open_database(const std::string& path);
// Configuration changed by the central system survives restarts; the settings file only seeds it.
void persist_configuration(ConfigurationStore& config, KeyValueStore& values);

}  // namespace chargepoint
