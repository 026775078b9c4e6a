#include "app/settings.hpp"

namespace chargepoint {

const common::ConfigSchema& settings_schema() {
  using std::chrono::seconds;
  static const common::ConfigSchema schema = [] {
    common::ConfigSchema s;
    s.add_string("ocpp.central_system_url", std::string("ws://127.0.0.1:8080/ocpp"),
                 "Central system endpoint (ws:// or wss://); the charge point id is appended as the last path segment");
    s.add_string("ocpp.charge_point_id", std::string("eo-charger"), "This charge point's identity at the central system");
    s.add_string("ocpp.authorization_key", std::string(""),
                 "Password for HTTP Basic auth (OCPP security profile 1/2); empty: no auth header");
    s.add_seconds("ocpp.call_timeout_s", seconds(5), seconds(300), seconds(30),
                  "How long to wait for the central system to answer a request");
    s.add_string("identity.vendor", std::string("EO Charging"), "chargePointVendor in BootNotification");
    s.add_string("identity.model", std::string("EO Mini Pro 2"), "chargePointModel in BootNotification");
    s.add_string("identity.serial_number", std::string(""), "chargePointSerialNumber in BootNotification (empty: omitted)");
    s.add_seconds("network.reconnect_min_s", seconds(1), seconds(600), seconds(1),
                  "First wait before reconnecting; doubles on each failure");
    s.add_seconds("network.reconnect_max_s", seconds(1), seconds(3600), seconds(60), "Longest wait between reconnects");
    s.add_seconds("network.pong_timeout_s", seconds(1), seconds(300), seconds(10),
                  "A connection that does not answer a ping within this time is considered dead");
    s.add_seconds("network.connect_timeout_s", seconds(1), seconds(300), seconds(15),
                  "Deadline for TCP, TLS and the WebSocket handshake together");
    s.add_string("network.ca_file", std::string(""), "wss: PEM file of trusted CAs (empty: the system's)");
    s.add_bool("network.verify_peer", true, "wss: verify the central system's certificate and host name");
    return s;
  }();
  return schema;
}

}  // namespace chargepoint
