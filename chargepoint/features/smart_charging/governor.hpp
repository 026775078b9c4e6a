#pragma once
// The limit governor (issue #5, docs/smart-charging.md): the Smart Charging handlers
// (SetChargingProfile, ClearChargingProfile, GetCompositeSchedule) and the one place that decides
// the current offered to the car. On every relevant event — a profile change, a period boundary
// (its own timer), a CT sample, a transaction starting or stopping, energy allowed or not — it
// composes the OCPP layers with the local ones (site limit, solar surplus), commands the HAL when
// the value changes and logs "16 A (TxDefault) → 9 A (Solar)".
#include <chrono>
#include <functional>
#include <memory>
#include <optional>

#include "common/clock.hpp"
#include "common/event_loop.hpp"
#include "domain/configuration_store.hpp"
#include "domain/connector_model.hpp"
#include "domain/limits/composite_schedule.hpp"
#include "domain/persistence_ports.hpp"
#include "features/core/transactions.hpp"
#include "features/smart_charging/local_limits.hpp"
#include "features/smart_charging/profile_book.hpp"
#include "hal/charger.hpp"
#include "ocpp/router.hpp"

namespace chargepoint::smart_charging {

struct GovernorParts {
  ChargingProfileStore& store;
  ConfigurationStore& config;
  const core::Transactions& transactions;
  ConnectorModel& model;
  hal::Charger& charger;
  common::TimerFactory& timers;
  const common::Clock& clock;
};

class Governor {
 public:
  // How far ahead the offer is composed; the timer re-arms at its end when nothing changes before.
  static constexpr std::chrono::hours k_horizon{24};

  // max_current_a: the box's maximum (rotary switch, cable rating, configuration), per phase.
  Governor(GovernorParts parts, double max_current_a);

  // Start-up: the persisted profiles (after the transactions' recovery), then the first offer.
  void restore();
  void register_handlers(ocpp::Router& router);

  // Events. Transactions starting or stopping and energy being allowed or not all arrive here.
  void recompute();
  void on_sample(const hal::MeterSample& sample);
  // An OCPP configuration key changed (the owner forwards ConfigurationStore::on_change, which has
  // no way to unregister a listener that dies before the store).
  void configuration_changed(std::string_view key);

  // What the board is offered now, and who decided it.
  const limits::Limit& offered() const { return offered_; }
  // Called after the offered value or its source changed.
  std::function<void(const limits::Limit&)> on_offer_changed;

  ocpp::messages::SetChargingProfileResponse set_charging_profile(
      const ocpp::messages::SetChargingProfileRequest& request);
  ocpp::messages::ClearChargingProfileResponse clear_charging_profile(
      const ocpp::messages::ClearChargingProfileRequest& request);
  ocpp::messages::GetCompositeScheduleResponse get_composite_schedule(
      const ocpp::messages::GetCompositeScheduleRequest& request);

  std::span<const limits::InstalledProfile> profiles() const { return book_.profiles(); }

 private:
  void sync_transaction(common::WallTime now);
  ProfileRules rules() const;
  std::optional<RunningTransaction> running() const;
  limits::ConnectorContext connector_context() const;
  limits::BoxRating box() const;
  limits::TxProfileEnd tx_profile_end() const;
  SiteSettings site_settings() const;
  SolarSettings solar_settings() const;
  std::vector<limits::Layer> local_layers(common::WallTime now, bool with_solar) const;
  void apply(const limits::Limit& next);

  ProfileBook book_;
  ConfigurationStore& config_;
  const core::Transactions& transactions_;
  ConnectorModel& model_;
  hal::Charger& charger_;
  const common::Clock& clock_;
  double max_current_a_;
  std::unique_ptr<common::Timer> boundary_timer_;
  SiteLimit site_;
  SolarSurplus solar_;
  // The transaction the governor last saw (local id) and when it started.
  std::optional<std::int64_t> transaction_local_id_;
  std::optional<common::WallTime> transaction_start_;
  limits::Limit offered_{0.0, 3, limits::LimitSource::None};
};

}  // namespace chargepoint::smart_charging
