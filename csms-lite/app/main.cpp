// csms-lite: the bundled OCPP 1.6J central system and the web UI's server. Wiring only.

#include <stdexcept>

#include <spdlog/spdlog.h>

#include "api/status_api.hpp"
#include "app/connections.hpp"
#include "app/settings.hpp"
#include "common/event_loop.hpp"
#include "common/program.hpp"
#include "common/service_notify.hpp"
#include "csms/net/listener.hpp"
#include "csms/net/static_files.hpp"
#include "features/central_system.hpp"
#include "registry/charge_point_registry.hpp"
#include "store/migrations.hpp"
#include "store/store.hpp"

#ifndef EO_VERSION
#define EO_VERSION "dev"
#endif

namespace {

using namespace csms;

class Gate final : public net::ChargePointGate {
 public:
  explicit Gate(CentralSystem& central) : central_(central) {}
  net::AuthResult admit(std::string_view id, std::optional<std::string_view> password) override {
    switch (central_.admit(id, password)) {
      case Admission::Accepted:
        return net::AuthResult::Accepted;
      case Admission::WrongPassword:
        spdlog::warn("charge point \"{}\": wrong or missing password", id);
        return net::AuthResult::Unauthorized;
      case Admission::Unknown:
        spdlog::warn("charge point \"{}\" is not known and ocpp.unknown_charge_points = reject",
                     id);
        return net::AuthResult::UnknownChargePoint;
    }
    return net::AuthResult::UnknownChargePoint;
  }

 private:
  CentralSystem& central_;
};

// A damaged file is moved aside (kept for a person to look at) rather than stopping the service.
eo::db::Database open_database(const std::string& path, const common::Clock& clock) {
  auto opened = eo::db::Database::open(path, store::csms_open_options());
  if (opened) return std::move(*opened);
  if (opened.error().kind != eo::db::ErrorKind::Corrupt) {
    throw std::runtime_error("storage.database: " + opened.error().message);
  }
  auto recreated =
      eo::db::Database::move_aside_and_recreate(path, clock.now(), store::csms_open_options());
  if (!recreated) throw std::runtime_error("storage.database: " + recreated.error().message);
  return std::move(recreated->database);
}

int run(const common::ConfigValues& settings) {
  const auto core = core_settings(settings);
  common::EventLoop loop;
  common::SystemClock clock;
  auto database = open_database(core.database_path, clock);
  spdlog::info("store: {} at schema version {}", database.path(), database.schema_version());
  store::Store store(database, loop, core.batch);

  ChargePointRegistry registry(core.unknown_charge_points);
  const auto known = registry.add_known(settings.get_string("ocpp.charge_points"));
  CentralSystem central(registry, store, loop, clock, core.central);
  central.load(known);
  Gate gate(central);
  Connections connections(loop, central, settings.get_seconds("ocpp.call_timeout_s"));

  net::StaticFiles files(settings.get_string("http.web_root"));
  StatusApi http(registry, files);

  net::ListenerOptions options;
  options.address = settings.get_string("http.address");
  options.port = static_cast<std::uint16_t>(settings.get_int("http.port"));
  options.ocpp_path_prefix = settings.get_string("ocpp.path_prefix");
  options.ping_interval = settings.get_seconds("ocpp.ping_interval_s");
  options.pong_timeout = settings.get_seconds("ocpp.pong_timeout_s");
  options.max_message_bytes =
      static_cast<std::size_t>(settings.get_int("ocpp.max_message_kib")) * 1024;
  net::Listener listener(loop, options, connections, gate, http);
  listener.start();
  spdlog::info("charge points connect to ws://{}:{}{}/<id>", options.address, listener.port(),
               options.ocpp_path_prefix);

  common::ServiceNotifier systemd(loop);
  systemd.ready("serving");
  loop.run_until_signalled([&listener, &systemd, &central] {
    systemd.stopping();
    listener.stop();
    central.flush();
  });
  central.flush();
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
