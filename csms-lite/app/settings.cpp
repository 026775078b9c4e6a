#include "app/settings.hpp"

#ifndef EO_WEB_ROOT
#define EO_WEB_ROOT "/usr/share/eo-ocpp/web"
#endif

namespace csms {

const common::ConfigSchema& settings_schema() {
  using std::chrono::seconds;
  static const common::ConfigSchema schema = [] {
    common::ConfigSchema s;
    s.add_string("http.address", std::string("127.0.0.1"),
                 "Address to listen on (an IP literal; 0.0.0.0 for every interface)");
    s.add_int("http.port", 1, 65535, 8080, "Port for the web UI, the API and the OCPP WebSocket endpoint");
    s.add_string("http.web_root", std::string(EO_WEB_ROOT), "Folder with the web UI's files");
    s.add_string("ocpp.path_prefix", std::string("/ocpp"),
                 "Charge points connect to ws://<address>:<port><prefix>/<charge point id>");
    s.add_enum("ocpp.unknown_charge_points", {"register", "reject"}, std::string("register"),
               "A charge point id not in ocpp.charge_points: register it, or refuse it (HTTP 404)");
    s.add_string("ocpp.charge_points", std::string(""),
                 "Known charge points, comma-separated, each `id` or `id:password` (password = HTTP Basic auth)");
    s.add_seconds("ocpp.heartbeat_interval_s", seconds(1), seconds(86400), seconds(300),
                  "Heartbeat interval given to charge points in the BootNotification answer");
    s.add_seconds("ocpp.call_timeout_s", seconds(1), seconds(300), seconds(30),
                  "How long to wait for a charge point to answer a request");
    s.add_seconds("ocpp.ping_interval_s", seconds(1), seconds(3600), seconds(30), "WebSocket ping interval");
    s.add_seconds("ocpp.pong_timeout_s", seconds(1), seconds(3600), seconds(30),
                  "A charge point silent this long after a ping is disconnected");
    s.add_int("ocpp.max_message_kib", 4, 16384, 256, "Largest OCPP message accepted, in KiB");
    return s;
  }();
  return schema;
}

}  // namespace csms
