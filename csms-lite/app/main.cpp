// csms-lite: the bundled OCPP 1.6J central system and the web UI's server. Wiring only.

#include <unistd.h>

#include <array>
#include <csignal>
#include <stdexcept>

#include <spdlog/spdlog.h>

#include "api/event_stream.hpp"
#include "api/http_api.hpp"
#include "api/metrics.hpp"
#include "app/central_system_port.hpp"
#include "app/charging_plans.hpp"
#include "app/connections.hpp"
#include "app/settings.hpp"
#include "app/setup_code_file.hpp"
#include "auth/auth_service.hpp"
#include "common/event_loop.hpp"
#include "common/program.hpp"
#include "common/service_notify.hpp"
#include "csms/net/listener.hpp"
#include "csms/net/static_files.hpp"
#include "csms/net/tls.hpp"
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

// The host part of the URLs csms-lite logs: a wildcard address is no place to browse to.
std::string url_host(const std::string& address) {
  if (address == "0.0.0.0" || address == "::") {
    std::array<char, 256> name{};
    if (::gethostname(name.data(), name.size() - 1) == 0) return name.data();
    return "localhost";
  }
  return address.find(':') != std::string::npos ? "[" + address + "]" : address;
}

// Keeps the setup code file in step with the setup state: written with every new code, removed
// once the admin password is set (checked every minute; setup happens through the API).
class SetupCodeFile {
 public:
  SetupCodeFile(common::TimerFactory& timers, std::string path)
      : timer_(timers.make_timer()), path_(std::move(path)) {}
  void written(const auth::SetupCode& code, const std::string& message) {
    if (const auto error = write_setup_code_file(path_, code, message); !error.empty()) {
      spdlog::error("setup code: {}", error);
    } else if (!path_.empty()) {
      spdlog::info("setup code also in {} (readable by this service's user only)", path_);
    }
  }
  void watch(auth::AuthService& auth) {
    if (!auth.setup_required()) {
      if (const auto error = remove_setup_code_file(path_); !error.empty()) {
        spdlog::error("setup code: {}", error);
      }
      return;
    }
    timer_->start(std::chrono::minutes(1), [this, &auth] { watch(auth); });
  }

 private:
  std::unique_ptr<common::Timer> timer_;
  std::string path_;
};

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

  ChargingPlans plans(central, loop, domain::ZoneDb{});
  CentralSystemPortAdapter central_port(central, store);
  central_port.attach_plans(plans);
  central_port.set_zone_check([&plans](const std::string& name) {
    const auto zone = plans.zones().load(name);
    return zone ? std::string() : zone.error();
  });

  common::SystemClock wall_clock;
  std::string base_url;
  SetupCodeFile setup_file(loop, setup_code_path(core.database_path));
  auth::AuthService auth(database, wall_clock, auth::AuthOptions{},
                         [&base_url, &setup_file](const auth::SetupCode& code) {
                           const auto message = api::setup_link_message(base_url, code);
                           spdlog::warn("{}", message);
                           setup_file.written(code, message);
                         });
  api::EventHub events(central_port, loop);
  api::ApiOptions api_options;
  api_options.metrics = api::parse_metrics_access(settings.get_string("http.metrics"))
                            .value_or(api::MetricsAccess::Public);
  net::StaticFiles files(settings.get_string("http.web_root"));
  api::HttpApi http(central_port, auth, events, files, api_options);

  net::ListenerOptions options;
  options.address = settings.get_string("http.address");
  options.port = static_cast<std::uint16_t>(settings.get_int("http.port"));
  options.ocpp_path_prefix = settings.get_string("ocpp.path_prefix");
  options.ping_interval = settings.get_seconds("ocpp.ping_interval_s");
  options.pong_timeout = settings.get_seconds("ocpp.pong_timeout_s");
  options.max_message_bytes =
      static_cast<std::size_t>(settings.get_int("ocpp.max_message_kib")) * 1024;
  if (!core.tls_certificate_file.empty()) {
    options.tls = net::TlsServerContext::load(core.tls_certificate_file, core.tls_private_key_file);
  }
  const bool tls = options.tls != nullptr;
  net::Listener listener(loop, options, connections, gate, http);
  listener.start();
  spdlog::info("charge points connect to {}://{}:{}{}/<id>", tls ? "wss" : "ws", options.address,
               listener.port(), options.ocpp_path_prefix);
  // What the UI shows for pointing a charger here (the port as bound: http.port may be 0).
  central_port.set_read_only_settings(
      {{"ocppPort", listener.port()},
       {"ocppPathPrefix", options.ocpp_path_prefix},
       {"unknownChargePoints", settings.get_string("ocpp.unknown_charge_points")}});
  base_url = (tls ? "https://" : "http://") + url_host(options.address) + ":" +
             std::to_string(listener.port());
  auth.ensure_setup_code();  // no admin yet: logs the one-time setup link
  setup_file.watch(auth);

  // SIGHUP: load the TLS files again (a renewed certificate from certs/make-certs.sh) without
  // dropping the charge points; on any problem the running certificate stays.
  loop.on_signals({SIGHUP}, [&listener, &core, tls](int) {
    if (!tls) {
      spdlog::info("SIGHUP: nothing to reload (no TLS)");
      return;
    }
    try {
      listener.reload_tls(
          net::TlsServerContext::load(core.tls_certificate_file, core.tls_private_key_file));
    } catch (const std::exception& e) {
      spdlog::error("SIGHUP: keeping the current TLS certificate: {}", e.what());
    }
  });

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
  // --check-config also loads the TLS files: a wrong path or key is found before a restart.
  const auto check = [](const common::ConfigValues& settings) {
    const auto core = core_settings(settings);
    if (!core.tls_certificate_file.empty()) {
      (void)net::TlsServerContext::load(core.tls_certificate_file, core.tls_private_key_file);
    }
  };
  return common::run_program(argc, argv, info, run, check);
}
