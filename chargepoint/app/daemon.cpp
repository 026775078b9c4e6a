#include "app/daemon.hpp"

#include <filesystem>

#include <spdlog/spdlog.h>

#include "app/central_system_link.hpp"
#include "app/hardware.hpp"
#include "app/startup.hpp"
#include "app/store_ports.hpp"
#include "common/clock.hpp"
#include "common/event_loop.hpp"
#include "common/service_notify.hpp"
#include "domain/configuration_store.hpp"
#include "domain/connector_model.hpp"
#include "features/core/authorization.hpp"
#include "features/core/configuration_handlers.hpp"
#include "features/core/connector_commands.hpp"
#include "features/core/data_transfer.hpp"
#include "features/core/metering.hpp"
#include "features/core/registration.hpp"
#include "features/core/remote_trigger.hpp"
#include "features/core/status_notifier.hpp"
#include "features/core/transaction_outbox.hpp"
#include "features/core/transactions.hpp"
#include "features/smart_charging/ct_report.hpp"
#include "features/smart_charging/governor.hpp"
#include "hal/sim/control_server.hpp"
#include "hal/sim/simulated_charger.hpp"
#include "ocpp/messages/firmware.hpp"
#include "store/sqlite.hpp"

namespace chargepoint {

namespace {

using namespace std::chrono_literals;

constexpr const char* k_vendor_id = "org.eo-ocpp";  // DataTransfer: our own vendor id

// The HAL's events, fanned out to the parts that care, in the order that keeps them consistent: the
// model first (statuses), then the transactions (which read the model), then metering, then the
// limit governor (a CT sample over the site limit cuts the offer at once).
class HalBridge final : public hal::ChargerEvents {
 public:
  HalBridge(ConnectorModel& model, core::Transactions& transactions, core::Metering& metering,
            smart_charging::Governor& governor, smart_charging::CtReporter& ct_reporter)
      : model_(model),
        transactions_(transactions),
        metering_(metering),
        governor_(governor),
        ct_reporter_(ct_reporter) {}

  void on_vehicle_state(hal::VehicleState state) override {
    spdlog::info("board: vehicle {}", hal::to_string(state));
    const ConnectorModel::Batch batch(model_);
    model_.set_vehicle(state);
    transactions_.vehicle_changed(state);
  }
  void on_meter_sample(const hal::MeterSample& sample) override {
    metering_.on_sample(sample);
    governor_.on_sample(sample);
    ct_reporter_.on_sample(sample.ct);
  }
  void on_fault_raised(const hal::Fault& fault) override {
    spdlog::warn("board: fault {} raised: {}", hal::to_string(fault.code), fault.detail);
    model_.raise_fault(fault);
  }
  void on_fault_cleared(hal::FaultCode code) override {
    spdlog::info("board: fault {} cleared", hal::to_string(code));
    model_.clear_fault(code);
  }
  void on_link_lost(std::string_view reason) override {
    spdlog::error("board: link lost: {}", reason);
    metering_.on_link(false);
    model_.set_board_link(false);
  }
  void on_link_restored() override {
    spdlog::info("board: link restored");
    metering_.on_link(true);
    model_.set_board_link(true);
  }

 private:
  ConnectorModel& model_;
  core::Transactions& transactions_;
  core::Metering& metering_;
  smart_charging::Governor& governor_;
  smart_charging::CtReporter& ct_reporter_;
};

}  // namespace

DaemonExit run_daemon(const common::ConfigValues& settings, const char* version) {
  const auto identity = boot_identity(settings, version);
  if (!identity_is_valid(identity)) return DaemonExit::bad_configuration;

  auto database = open_database(settings.get_string("storage.database"));
  if (!database) return DaemonExit::failed;
  StorePorts ports(*database);

  common::EventLoop loop;
  common::SystemClock system_clock;
  common::AdjustedClock clock(system_clock);

  ConfigurationStore config;
  if (const auto& key = settings.get_string("ocpp.authorization_key"); !key.empty()) {
    if (!config.set_internal("AuthorizationKey", key)) {
      spdlog::critical("ocpp.authorization_key: at most 40 characters");
      return DaemonExit::bad_configuration;
    }
  }
  seed_ct_calibration(settings, config);
  persist_configuration(config, ports.values());

  auto hardware = make_hardware(settings, loop, system_clock, config);
  if (!hardware) return DaemonExit::failed;
  hal::Charger& charger = *hardware->charger;
  std::optional<hal::sim::ControlServer> control;
  if (const auto& path = settings.get_string("simulator.control_socket");
      hardware->simulator && !path.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
    control.emplace(loop, path, *hardware->simulator);
  }

  ConnectorModel model;
  core::Registration registration(loop, config, identity);
  core::Authorizer authorizer(config, ports.auth_cache(), clock);
  core::TransactionOutbox outbox(ports.outbox(), config, loop);
  core::Metering metering(config, loop, clock, ports.values(), outbox,
                          charger.capabilities().phases);
  core::Transactions transactions({ports.journal(), outbox, authorizer, model}, config, loop, clock,
                                  {settings.get_string("charging.plug_and_charge_id_tag")},
                                  [&metering] { return metering.energy_wh(); });
  core::StatusNotifier notifier(model, clock, config, loop);
  core::ConnectorCommands commands(model, ports.values(), transactions, outbox, charger, loop);

  // What the box offers: the limit governor composes the charging profiles with the site limit and
  // the solar surplus, under the configured maximum, and offers nothing unless a transaction may
  // draw energy (features/smart_charging, issue #5). Every event that can change it is forwarded.
  const double max_current_a =
      std::min(settings.get_double("charging.max_current_a"), charger.capabilities().max_current_a);
  smart_charging::Governor governor(
      {ports.charging_profiles(), config, transactions, model, charger, loop, clock},
      max_current_a);
  // The offer and why, to the central system (vendor DataTransfer "OfferedLimit").
  smart_charging::OfferReporter offer_reporter(config, loop, clock, k_vendor_id);
  governor.on_report_changed = [&](const auto& report) { offer_reporter.offer_changed(report); };
  // What the CT clamps read, calibrated and raw (vendor DataTransfer "CtReadings"). The EO driver
  // applies the EO_Ct* calibration keys; the simulator's readings are uncalibrated.
  smart_charging::CtReporter ct_reporter(config, loop, clock, k_vendor_id,
                                         hardware->simulator == nullptr);
  HalBridge bridge(model, transactions, metering, governor, ct_reporter);
  transactions.on_energy_allowed_changed = [&] { governor.recompute(); };
  transactions.on_started = [&](std::int64_t local_id) {
    metering.transaction_started(local_id, clock.now());
    governor.recompute();
  };
  transactions.on_stopped = [&](std::int64_t) { governor.recompute(); };
  transactions.on_transaction_id = [&](int id) {
    metering.transaction_id_known(id);
    governor.recompute();
  };
  config.on_change([&](std::string_view key, const std::string&) {
    governor.configuration_changed(key);
    offer_reporter.configuration_changed(key);
    ct_reporter.configuration_changed(key);
  });
  transactions.stop_transaction_data = [&] { return metering.transaction_ended(); };
  metering.on_persisted = [&] { transactions.checkpoint(); };

  core::TriggerTargets targets;
  targets.boot_notification = [&] { registration.trigger_boot(); };
  targets.heartbeat = [&] { registration.trigger_heartbeat(); };
  targets.status_notification = [&](std::optional<int> connector) {
    if (connector) return notifier.report(*connector);
    notifier.report(0);
    notifier.report(ConnectorModel::k_connector_id);
  };
  targets.meter_values = [&](std::optional<int>) { metering.trigger(); };
  targets.diagnostics_status = [&] {
    // No diagnostics upload is ever in progress here (the Firmware Management profile is not
    // offered).
    if (auto* session = registration.accepted_session()) {
      session->call(ocpp::messages::DiagnosticsStatusNotificationRequest{}, [](const auto&) {});
    }
  };
  targets.firmware_status = [&] {
    if (auto* session = registration.accepted_session()) {
      session->call(ocpp::messages::FirmwareStatusNotificationRequest{}, [](const auto&) {});
    }
  };
  core::RemoteTrigger trigger(loop, 1, std::move(targets));

  ocpp::Router router;
  core::register_configuration_handlers(router, config);
  core::register_data_transfer(router, k_vendor_id);
  authorizer.register_handlers(router);
  transactions.register_handlers(router);
  commands.register_handlers(router);
  trigger.register_handlers(router);
  governor.register_handlers(router);

  CentralSystemLink link(loop, link_options(settings, config), router,
                         settings.get_seconds("ocpp.call_timeout_s"));
  link.ignore_incoming = [&registration](std::string_view) {
    return registration.state() == core::RegistrationState::Rejected;
  };

  // Registered: queued transaction messages first, then the statuses (OCPP 1.6 §4.10 asks for the
  // queue to be delivered in order; the statuses then describe the present).
  bool report_status_when_drained = false;
  outbox.on_drained = [&] {
    if (!report_status_when_drained) return;
    report_status_when_drained = false;
    notifier.attach(registration.accepted_session());
    offer_reporter.attach(registration.accepted_session());
    ct_reporter.attach(registration.accepted_session());
  };
  registration.on_state_change = [&](core::RegistrationState state) {
    auto* session =
        state == core::RegistrationState::Accepted ? registration.accepted_session() : nullptr;
    authorizer.attach(session);
    metering.attach(session);
    if (session == nullptr) {
      notifier.attach(nullptr);
      offer_reporter.attach(nullptr);
      ct_reporter.attach(nullptr);
      outbox.attach(nullptr);
      return;
    }
    report_status_when_drained = true;
    outbox.attach(session);
  };
  registration.on_central_system_time = [&clock, &governor](ocpp::DateTime time) {
    const auto moved = clock.set(time.time_point());
    if (std::chrono::abs(moved) > 2s) {
      spdlog::info("clock: set from the central system ({} ms)", moved.count());
      governor.recompute();  // profile boundaries are in the central system's time
    }
  };
  link.on_connected_session = [&registration](ocpp::Session& session) {
    registration.connected(session);
  };
  link.on_disconnected_session = [&registration] { registration.disconnected(); };
  // A new AuthorizationKey (OCPP 1.6 security whitepaper, profile 1/2): the ChangeConfiguration
  // answer still goes out on the old connection, then the charge point reconnects with the new
  // password.
  auto reconnect_timer = loop.make_timer();
  config.on_change([&link, &reconnect_timer](std::string_view key, const std::string& value) {
    if (key == "WebSocketPingInterval")
      link.client().set_ping_interval(std::chrono::seconds(std::stoll(value)));
    if (key == "AuthorizationKey") {
      link.client().set_authorization_key(value.empty() ? std::nullopt
                                                        : std::optional<std::string>(value));
      reconnect_timer->start(1s, [&link] {
        spdlog::info("reconnecting with the new AuthorizationKey");
        link.stop();
        link.start();
      });
    }
  });

  bool restart = false;
  commands.on_reset = [&](ocpp::messages::ResetType type) {
    spdlog::warn("restarting ({} reset)", ocpp::messages::to_string(type));
    restart = true;
    charger.offer_current(0);
    outbox.flush();
    link.stop();
    loop.stop_after(300ms);
  };

  // Start-up: persisted state first, then the hardware, then the network.
  commands.restore();
  metering.restore();
  transactions.recover(metering.stored_at());
  governor.restore();
  charger.set_listener(&bridge);
  charger.start();
  charger.offer_current(0);
  if (control) {
    try {
      control->start();
      spdlog::info("simulator: control socket at {} (try: eo-simctl status)",
                   control->socket_path());
    } catch (const std::exception& e) {
      spdlog::error("simulator: {}; eo-simctl will not work", e.what());
    }
  }
  link.start();
  common::ServiceNotifier systemd(loop);
  systemd.ready("running");
  loop.run_until_signalled([&] {
    systemd.stopping();
    // Safe state first: no current offered. A running transaction ends with reason Reboot (queued
    // in the outbox: delivered now if the link allows, else after the restart), meter samples are
    // written, then the goodbye.
    charger.offer_current(0);
    transactions.stop(ocpp::messages::StopReason::Reboot);
    outbox.flush();
    link.stop();
  });
  charger.stop();
  return restart ? DaemonExit::restart_requested : DaemonExit::stopped;
}

}  // namespace chargepoint
