// eo-chargepoint: the OCPP 1.6J charge point daemon. Wiring only: every behaviour lives in a library.

#include <spdlog/spdlog.h>

#include "app/central_system_link.hpp"
#include "app/settings.hpp"
#include "common/event_loop.hpp"
#include "common/program.hpp"
#include "domain/configuration_store.hpp"
#include "features/core/configuration_handlers.hpp"
#include "features/core/registration.hpp"

#ifndef EO_VERSION
#define EO_VERSION "dev"
#endif

namespace {

using namespace chargepoint;

ocpp::messages::BootNotificationRequest boot_identity(const common::ConfigValues& settings) {
  ocpp::messages::BootNotificationRequest identity;
  identity.chargePointVendor = settings.get_string("identity.vendor");
  identity.chargePointModel = settings.get_string("identity.model");
  if (const auto& serial = settings.get_string("identity.serial_number"); !serial.empty()) {
    identity.chargePointSerialNumber = serial;
  }
  identity.firmwareVersion = EO_VERSION;
  return identity;
}

// The identity settings end up in BootNotification, whose schema limits their length (CiString20/25Type):
// refuse them at start-up rather than send a BootNotification every central system must reject.
bool identity_is_valid(const ocpp::messages::BootNotificationRequest& identity) {
  const auto problem = ocpp::schema::Registry::instance().validate("BootNotification", ocpp::schema::MessageKind::Request,
                                                                   nlohmann::json(identity));
  if (!problem) return true;
  const std::string setting = problem->path == "chargePointVendor" ? "identity.vendor"
                              : problem->path == "chargePointModel" ? "identity.model"
                              : problem->path == "chargePointSerialNumber" ? "identity.serial_number"
                                                                            : problem->path;
  spdlog::critical("configuration: {}: {} (OCPP 1.6 BootNotification limit)", setting, problem->message);
  return false;
}

net::WsClientOptions link_options(const common::ConfigValues& settings, const ConfigurationStore& config) {
  net::WsClientOptions options;
  options.endpoint_url = settings.get_string("ocpp.central_system_url");
  options.charge_point_id = settings.get_string("ocpp.charge_point_id");
  if (const auto key = config.get("AuthorizationKey"); key && !key->empty()) options.authorization_key = *key;
  options.ca_file = settings.get_string("network.ca_file");
  options.verify_peer = settings.get_bool("network.verify_peer");
  options.reconnect_min = settings.get_seconds("network.reconnect_min_s");
  options.reconnect_max = settings.get_seconds("network.reconnect_max_s");
  options.pong_timeout = settings.get_seconds("network.pong_timeout_s");
  options.connect_timeout = settings.get_seconds("network.connect_timeout_s");
  options.ping_interval = std::chrono::seconds(config.get_int("WebSocketPingInterval"));
  return options;
}

int run(const common::ConfigValues& settings) {
  common::EventLoop loop;
  ConfigurationStore config;
  if (const auto& key = settings.get_string("ocpp.authorization_key"); !key.empty()) {
    if (!config.set_internal("AuthorizationKey", key)) {
      spdlog::critical("ocpp.authorization_key: at most 40 characters");
      return 2;
    }
  }

  const auto identity = boot_identity(settings);
  if (!identity_is_valid(identity)) return 2;

  ocpp::Router router;
  core::register_configuration_handlers(router, config);
  core::Registration registration(loop, config, identity);
  CentralSystemLink link(loop, link_options(settings, config), router, settings.get_seconds("ocpp.call_timeout_s"));
  link.on_connected_session = [&registration](ocpp::Session& session) { registration.connected(session); };
  link.on_disconnected_session = [&registration] { registration.disconnected(); };
  config.on_change([&link](std::string_view key, const std::string& value) {
    if (key == "WebSocketPingInterval") link.client().set_ping_interval(std::chrono::seconds(std::stoll(value)));
  });

  link.start();
  loop.run_until_signalled([&link] { link.stop(); });
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const common::ProgramInfo info{
      .name = "eo-chargepoint",
      .summary = "OCPP 1.6J charge point daemon for EO Smart Home Hub and EO Mini Pro 2 chargers",
      .version = EO_VERSION,
      .flags = {},
      .schema = &settings_schema(),
      .default_config_path = "/etc/eo-ocpp/chargepoint.conf",
  };
  return common::run_program(argc, argv, info, run);
}
