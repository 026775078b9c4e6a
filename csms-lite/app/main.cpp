// csms-lite: the bundled OCPP 1.6J central system and the web UI's server. Wiring only.

#include <spdlog/spdlog.h>

#include "api/status_api.hpp"
#include "app/connections.hpp"
#include "app/settings.hpp"
#include "common/event_loop.hpp"
#include "common/service_notify.hpp"
#include "common/program.hpp"
#include "csms/net/listener.hpp"
#include "csms/net/static_files.hpp"
#include "registry/charge_point_registry.hpp"

#ifndef EO_VERSION
#define EO_VERSION "dev"
#endif

namespace {

using namespace csms;

class Gate final : public net::ChargePointGate {
 public:
  explicit Gate(ChargePointRegistry& registry) : registry_(registry) {}
  net::AuthResult admit(std::string_view id, std::optional<std::string_view> password) override {
    switch (registry_.admit(id, password)) {
      case Admission::Accepted: return net::AuthResult::Accepted;
      case Admission::WrongPassword:
        spdlog::warn("charge point \"{}\": wrong or missing password", id);
        return net::AuthResult::Unauthorized;
      case Admission::Unknown:
        spdlog::warn("charge point \"{}\" is not known and ocpp.unknown_charge_points = reject", id);
        return net::AuthResult::UnknownChargePoint;
    }
    return net::AuthResult::UnknownChargePoint;
  }

 private:
  ChargePointRegistry& registry_;
};

int run(const common::ConfigValues& settings) {
  common::EventLoop loop;
  ChargePointRegistry registry(settings.get_string("ocpp.unknown_charge_points") == "reject"
                                   ? UnknownChargePoints::Reject
                                   : UnknownChargePoints::Register);
  registry.add_known(settings.get_string("ocpp.charge_points"));
  Gate gate(registry);

  CentralSystemSettings central;
  central.heartbeat_interval = settings.get_seconds("ocpp.heartbeat_interval_s");
  Connections connections(loop, registry, central, settings.get_seconds("ocpp.call_timeout_s"));

  net::StaticFiles files(settings.get_string("http.web_root"));
  StatusApi http(registry, files);

  net::ListenerOptions options;
  options.address = settings.get_string("http.address");
  options.port = static_cast<std::uint16_t>(settings.get_int("http.port"));
  options.ocpp_path_prefix = settings.get_string("ocpp.path_prefix");
  options.ping_interval = settings.get_seconds("ocpp.ping_interval_s");
  options.pong_timeout = settings.get_seconds("ocpp.pong_timeout_s");
  options.max_message_bytes = static_cast<std::size_t>(settings.get_int("ocpp.max_message_kib")) * 1024;
  net::Listener listener(loop, options, connections, gate, http);
  listener.start();
  spdlog::info("charge points connect to ws://{}:{}{}/<id>", options.address, listener.port(), options.ocpp_path_prefix);

  common::ServiceNotifier systemd(loop);
  systemd.ready("serving");
  loop.run_until_signalled([&listener, &systemd] {
    systemd.stopping();
    listener.stop();
  });
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const common::ProgramInfo info{
      .name = "csms-lite",
      .summary = "Lightweight OCPP 1.6J central system with a web UI",
      .version = EO_VERSION,
      .flags = {},
      .schema = &settings_schema(),
      .default_config_path = "/etc/eo-ocpp/csms-lite.conf",
  };
  return common::run_program(argc, argv, info, run);
}
