#include "features/smart_charging/governor.hpp"

#include <spdlog/spdlog.h>

#include "ocpp/types/datetime.hpp"

namespace chargepoint::smart_charging {

namespace {

using namespace std::chrono_literals;
using limits::Limit;
using limits::LimitSource;
using ocpp::messages::ChargingProfilePurpose;
using ocpp::messages::ChargingProfileStatus;
using ocpp::messages::ChargingRateUnit;
using ocpp::messages::ClearChargingProfileStatus;
using ocpp::messages::GetCompositeScheduleStatus;

std::string describe(const Limit& limit) {
  const auto source =
      limit.source == LimitSource::None ? "no transaction" : limits::to_string(limit.source);
  return fmt::format("{:g} A ({})", limit.current_a, source);
}

double amps(const ConfigurationStore& config, std::string_view key) {
  return static_cast<double>(config.get_int(key));
}

}  // namespace

Governor::Governor(GovernorParts parts, double max_current_a)
    : book_(parts.store),
      config_(parts.config),
      transactions_(parts.transactions),
      model_(parts.model),
      charger_(parts.charger),
      clock_(parts.clock),
      max_current_a_(max_current_a),
      boundary_timer_(parts.timers.make_timer()),
      guard_timer_(parts.timers.make_timer()),
      ct_timer_(parts.timers.make_timer()) {
  offered_.phases = box().phases;
  report_.connector_id = ConnectorModel::k_connector_id;
  report_.limit = offered_;
}

void Governor::configuration_changed(std::string_view key) {
  if (!key.starts_with("EO_")) return;
  // Switching a local limit off takes effect at once; on, from the next CT sample (until then
  // the site counts as at its limit).
  site_.update(site_settings(), std::nullopt, 0.0, clock_.now());
  note_site_state(clock_.now());
  if (!config_.get_bool("EO_SolarEnabled")) solar_.reset();
  recompute();
}

void Governor::restore() {
  const auto now = clock_.now();
  book_.load(now, transactions_.active());
  spdlog::info("smart charging: {} charging profile(s) installed", book_.profiles().size());
  // With a site limit set, no current before the first site reading.
  site_.check_stale(site_settings(), now);
  note_site_state(now);
  recompute();
}

void Governor::register_handlers(ocpp::Router& router) {
  router.on<ocpp::messages::SetChargingProfileRequest>(
      [this](const auto& request) { return set_charging_profile(request); });
  router.on<ocpp::messages::ClearChargingProfileRequest>(
      [this](const auto& request) { return clear_charging_profile(request); });
  router.on<ocpp::messages::GetCompositeScheduleRequest>(
      [this](const auto& request) { return get_composite_schedule(request); });
}

ocpp::messages::SetChargingProfileResponse Governor::set_charging_profile(
    const ocpp::messages::SetChargingProfileRequest& request) {
  const auto now = clock_.now();
  sync_transaction(now);
  const auto& profile = request.csChargingProfiles;
  if (auto error = book_.set(request.connectorId, profile, rules(), running(), now)) {
    spdlog::warn("SetChargingProfile {} ({}, connector {}) rejected: {}", profile.chargingProfileId,
                 ocpp::messages::to_string(profile.chargingProfilePurpose), request.connectorId,
                 *error);
    return {ChargingProfileStatus::Rejected};
  }
  spdlog::info("charging profile {} installed ({}, connector {}, stack level {})",
               profile.chargingProfileId, ocpp::messages::to_string(profile.chargingProfilePurpose),
               request.connectorId, profile.stackLevel);
  recompute();
  return {ChargingProfileStatus::Accepted};
}

ocpp::messages::ClearChargingProfileResponse Governor::clear_charging_profile(
    const ocpp::messages::ClearChargingProfileRequest& request) {
  const int removed = book_.clear(request);
  if (removed == 0) return {ClearChargingProfileStatus::Unknown};
  spdlog::info("ClearChargingProfile: {} charging profile(s) removed", removed);
  recompute();
  return {ClearChargingProfileStatus::Accepted};
}

ocpp::messages::GetCompositeScheduleResponse Governor::get_composite_schedule(
    const ocpp::messages::GetCompositeScheduleRequest& request) {
  const auto rules_now = rules();
  if (request.chargingRateUnit &&
      ((*request.chargingRateUnit == ChargingRateUnit::A && !rules_now.current_allowed) ||
       (*request.chargingRateUnit == ChargingRateUnit::W && !rules_now.power_allowed))) {
    return {GetCompositeScheduleStatus::Rejected, std::nullopt, std::nullopt, std::nullopt};
  }
  const auto now = clock_.now();
  sync_transaction(now);
  book_.purge_expired(now);
  const auto connector = connector_context();
  // The site cap holds now and is no forecast, but it is what the car will get until the house
  // load changes; solar has no forecast at all and is left out (docs/smart-charging.md).
  const auto layers = local_layers(now, false);
  const limits::CompositeInputs inputs{book_.profiles(), std::span(&connector, 1), box(),
                                       tx_profile_end(), layers};
  return limits::composite_schedule(request, now, inputs);
}

void Governor::on_sample(const hal::MeterSample& sample) {
  const auto now = clock_.now();
  const double vehicle_a = sample.ct.vehicle_a.value_or(sample.current_a);
  const bool site_changed = site_.update(site_settings(), sample.ct.site_a, vehicle_a, now);
  const bool solar_changed = solar_.update(solar_settings(), sample.ct.solar_a, now);
  note_site_state(now);
  arm_ct_watchdog(site_settings().reading_timeout);
  if (site_changed || solar_changed) recompute();
}

// No sample at all (the board link is down, the driver stalled): the CT readings age all the same.
void Governor::on_ct_silent() {
  const auto now = clock_.now();
  const auto site = site_settings();
  const bool site_changed = site_.check_stale(site, now);
  const bool solar_changed = solar_.update(solar_settings(), std::nullopt, now);
  note_site_state(now);
  if (site_changed || solar_changed) recompute();
  if (solar_.limit_a() || (site.limit_a > 0 && !site_.stale())) arm_ct_watchdog(k_silent_recheck);
}

void Governor::arm_ct_watchdog(std::chrono::milliseconds after) {
  ct_timer_->start(after, [this] { on_ct_silent(); });
}

void Governor::note_site_state(common::WallTime now) {
  if (site_.stale() == site_was_stale_) return;
  site_was_stale_ = site_.stale();
  if (site_was_stale_) {
    const auto last = site_.last_reading_at();
    spdlog::warn(
        "site CT: {}{}; the site counts as at its limit (no current) until readings return",
        site_detail(),
        last ? fmt::format(" ({} s)",
                           std::chrono::duration_cast<std::chrono::seconds>(now - *last).count())
             : std::string());
  } else {
    spdlog::info("site CT: readings are back");
  }
}

std::string Governor::site_detail() const {
  if (!site_.stale()) return {};
  const auto last = site_.last_reading_at();
  if (!last) return "no site CT reading yet";
  // The time of the last reading, not its age: the text stays the same while the silence lasts, so
  // the report does not change (and go out again) with every recompute.
  const auto whole = std::chrono::floor<std::chrono::seconds>(*last);
  return "no site CT reading since " +
         ocpp::DateTime(std::chrono::time_point_cast<std::chrono::milliseconds>(whole)).to_string();
}

void Governor::recompute() {
  const auto now = clock_.now();
  sync_transaction(now);
  if (const int purged = book_.purge_expired(now); purged > 0) {
    spdlog::info("smart charging: {} expired charging profile(s) removed", purged);
  }
  const auto connector = connector_context();
  const auto layers = local_layers(now, true);
  const limits::CompositeInputs inputs{book_.profiles(), std::span(&connector, 1), box(),
                                       tx_profile_end(), layers};
  const auto offer = limits::connector_offer(inputs, connector, now, now, k_horizon);
  const auto composed = limits::limit_at(offer, now)
                            .value_or(Limit{max_current_a_, box().phases, LimitSource::Hardware});

  // The transactions keep the last word: no current without a transaction that may draw energy.
  const bool allowed = transactions_.energy_allowed();
  auto next_offer = allowed ? limits::board_limit(composed, max_current_a_)
                            : Limit{0.0, composed.phases, LimitSource::None};
  OfferReport report{ConnectorModel::k_connector_id, next_offer,
                     allowed ? limits::next_change_after(offer, now) : std::nullopt,
                     site_.stale() ? "site limit: " + site_detail() : std::string()};
  if (const auto held = close_held_until(next_offer, now)) {
    next_offer = Limit{0.0, next_offer.phases, LimitSource::Contactor};
    report.next_change = *held;
    report.detail = fmt::format("at most {} contactor switches per hour",
                                config_.get_int("EO_MaxContactorSwitchesPerHour"));
  }
  apply(next_offer, now);
  report.limit = offered_;
  if (report != report_) {
    report_ = std::move(report);
    if (on_report_changed) on_report_changed(report_);
  }

  auto next = limits::next_change_after(offer, now).value_or(now + k_horizon);
  if (const auto expiry = book_.next_expiry(now); expiry && *expiry < next) next = *expiry;
  boundary_timer_->start(std::chrono::ceil<std::chrono::milliseconds>(next - now),
                         [this] { recompute(); });
}

// A close (0 A → current) is held while the contactor switched too often in the last hour; opens
// never are, nor a transaction's first offer (the driver plugged in and waits for it).
std::optional<common::WallTime> Governor::close_held_until(const Limit& next,
                                                           common::WallTime now) {
  if (offered_.current_a > 0 || next.current_a <= 0 || !closed_in_transaction_) {
    return std::nullopt;
  }
  const int max = static_cast<int>(config_.get_int("EO_MaxContactorSwitchesPerHour"));
  const auto at = contactor_.close_allowed_at(max, now);
  if (at <= now) return std::nullopt;
  if (offered_.source != LimitSource::Contactor) {
    spdlog::info(
        "offer: {} held back for {} s: {} contactor switches in the last hour (at most {})",
        describe(next), std::chrono::ceil<std::chrono::seconds>(at - now).count(),
        contactor_.switches_in_window(now), max);
  }
  guard_timer_->start(std::chrono::ceil<std::chrono::milliseconds>(at - now),
                      [this] { recompute(); });
  return at;
}

void Governor::apply(const Limit& next, common::WallTime now) {
  if (next.current_a == offered_.current_a && next.source == offered_.source) return;
  spdlog::info("offer: {} → {}", describe(offered_), describe(next));
  const bool value_changed = next.current_a != offered_.current_a;
  if ((offered_.current_a > 0) != (next.current_a > 0)) {
    contactor_.record(now);
    if (next.current_a > 0 && transaction_local_id_) closed_in_transaction_ = true;
  }
  offered_ = next;
  if (value_changed) charger_.offer_current(next.current_a);
  model_.set_offering_current(next.current_a > 0);
  if (on_offer_changed) on_offer_changed(offered_);
}

// Follows the transactions: a new one adopts the profile of its RemoteStartTransaction; an ended
// one takes its TxProfiles along (OCPP 1.6 §3.13.1 and §5.11).
void Governor::sync_transaction(common::WallTime now) {
  const auto local_id = transactions_.local_id();
  if (local_id == transaction_local_id_) return;
  if (transaction_local_id_) {
    if (const int removed = book_.remove_tx_profiles(ConnectorModel::k_connector_id); removed > 0) {
      spdlog::info("smart charging: the transaction ended; {} TxProfile(s) removed", removed);
    }
  }
  transaction_local_id_ = local_id;
  transaction_start_ = local_id ? std::optional(now) : std::nullopt;
  closed_in_transaction_ = false;
  if (!local_id) return;
  if (auto profile = transactions_.remote_start_profile()) {
    // OCPP 1.6 §5.11: the profile of a RemoteStartTransaction "SHALL" apply to the transaction it
    // starts, whose id nobody knew when it was sent.
    profile->transactionId.reset();
    if (auto error =
            book_.set(ConnectorModel::k_connector_id, *profile, rules(),
                      RunningTransaction{ConnectorModel::k_connector_id, std::nullopt}, now)) {
      spdlog::warn("the RemoteStartTransaction charging profile {} is not used: {}",
                   profile->chargingProfileId, *error);
    }
  }
}

ProfileRules Governor::rules() const {
  ProfileRules rules;
  rules.max_stack_level = static_cast<int>(config_.get_int("ChargeProfileMaxStackLevel"));
  rules.max_periods = static_cast<int>(config_.get_int("ChargingScheduleMaxPeriods"));
  rules.max_installed = static_cast<int>(config_.get_int("MaxChargingProfilesInstalled"));
  rules.connectors = static_cast<int>(config_.get_int("NumberOfConnectors"));
  return with_allowed_units(rules,
                            config_.get("ChargingScheduleAllowedChargingRateUnit").value_or(""));
}

std::optional<RunningTransaction> Governor::running() const {
  if (!transactions_.active()) return std::nullopt;
  return RunningTransaction{ConnectorModel::k_connector_id, connector_context().transaction_id};
}

limits::ConnectorContext Governor::connector_context() const {
  limits::ConnectorContext context;
  context.connector_id = ConnectorModel::k_connector_id;
  context.transaction_start = transaction_start_;
  // The central system's id, once known (TransactionOutbox::k_unknown_transaction_id until then).
  if (const auto id = transactions_.transaction_id(); id && *id >= 0) context.transaction_id = id;
  return context;
}

limits::BoxRating Governor::box() const {
  return {max_current_a_, charger_.capabilities().phases,
          static_cast<double>(config_.get_int("EO_NominalVoltageV"))};
}

limits::TxProfileEnd Governor::tx_profile_end() const {
  return config_.get_bool("EO_TxProfileEndFallsBack") ? limits::TxProfileEnd::FallsBackToTxDefault
                                                      : limits::TxProfileEnd::KeepsOverruling;
}

SiteSettings Governor::site_settings() const {
  return {amps(config_, "EO_SiteLimitA"), amps(config_, "EO_SiteResumeMarginA"),
          std::chrono::seconds(config_.get_int("EO_SiteIncreaseDelayS")),
          std::chrono::seconds(config_.get_int("EO_CtReadingTimeoutS"))};
}

SolarSettings Governor::solar_settings() const {
  return {config_.get_bool("EO_SolarEnabled"),
          amps(config_, "EO_SolarReserveA"),
          amps(config_, "EO_SolarGridImportA"),
          std::chrono::seconds(config_.get_int("EO_SolarStartDelayS")),
          std::chrono::seconds(config_.get_int("EO_SolarStopDelayS")),
          config_.get_bool("EO_SolarNeverStop")};
}

std::vector<limits::Layer> Governor::local_layers(common::WallTime now, bool with_solar) const {
  std::vector<limits::Layer> layers;
  const int phases = box().phases;
  if (const auto cap = site_.cap_a()) {
    layers.push_back({limits::LayerRole::Cap, {{now, Limit{*cap, phases, LimitSource::SiteLoad}}}});
  }
  if (const auto solar = solar_.limit_a(); with_solar && solar) {
    layers.push_back(
        {limits::LayerRole::Solar, {{now, Limit{*solar, phases, LimitSource::Solar}}}});
  }
  return layers;
}

}  // namespace chargepoint::smart_charging
