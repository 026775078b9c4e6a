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
#include "features/smart_charging/contactor_guard.hpp"
#include "features/smart_charging/local_limits.hpp"
#include "features/smart_charging/offer_report.hpp"
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
  // While no CT sample arrives, the watchdog looks this often (the solar stop delay runs on).
  static constexpr std::chrono::seconds k_silent_recheck{1};

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
  // The offer with its next change and any detail (what the OfferedLimit DataTransfer carries).
  const OfferReport& report() const { return report_; }
  // Called after report() changed.
  std::function<void(const OfferReport&)> on_report_changed;
  // Contactor switches (0 A ↔ current) in the hour up to now.
  int contactor_switches_last_hour() const { return contactor_.switches_in_window(clock_.now()); }

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
  std::optional<common::WallTime> close_held_until(const limits::Limit& next, common::WallTime now);
  std::string site_detail() const;
  void note_site_state(common::WallTime now);
  void arm_ct_watchdog(std::chrono::milliseconds after);
  void on_ct_silent();
  void apply(const limits::Limit& next, common::WallTime now);

  ProfileBook book_;
  ConfigurationStore& config_;
  const core::Transactions& transactions_;
  ConnectorModel& model_;
  hal::Charger& charger_;
  const common::Clock& clock_;
  double max_current_a_;
  std::unique_ptr<common::Timer> boundary_timer_;
  std::unique_ptr<common::Timer> guard_timer_;  // a held close is retried when it may go out
  std::unique_ptr<common::Timer> ct_timer_;     // no CT sample for a while: the readings are stale
  SiteLimit site_;
  bool site_was_stale_ = false;  // for logging the change only
  SolarSurplus solar_;
  ContactorGuard contactor_;
  // The contactor closed during this transaction: from then on, closes may be held.
  bool closed_in_transaction_ = false;
  // The transaction the governor last saw (local id) and when it started.
  std::optional<std::int64_t> transaction_local_id_;
  std::optional<common::WallTime> transaction_start_;
  limits::Limit offered_{0.0, 3, limits::LimitSource::None};
  OfferReport report_;
};

}  // namespace chargepoint::smart_charging
