// CentralSystemPortAdapter: weekly plans, the tariff and the sessions CSV (through ChargingPlans
// and csms_domain).
#include <spdlog/spdlog.h>

#include "app/central_system_port.hpp"
#include "csms_domain/csv_export.hpp"

namespace csms {

namespace {

using api::PortError;
using api::PortErrorKind;

PortError unavailable() {
  return PortError{PortErrorKind::Unavailable, "charging plans are not available", ""};
}

domain::UtcTime utc(api::Time at) {
  return std::chrono::floor<std::chrono::seconds>(at);
}

}  // namespace

api::PortResult<nlohmann::json> CentralSystemPortAdapter::schedule(
    const std::optional<std::string>& charger_id) {
  if (plans_ == nullptr) return unavailable();
  if (charger_id && central_.registry().find(*charger_id) == nullptr) {
    return PortError{PortErrorKind::NotFound, "no charge point \"" + *charger_id + "\"", ""};
  }
  return plans_->schedule(charger_id);
}

api::PortResult<nlohmann::json> CentralSystemPortAdapter::put_schedule(
    const std::optional<std::string>& charger_id, const nlohmann::json& plan,
    std::string_view actor) {
  if (plans_ == nullptr) return unavailable();
  if (charger_id && central_.registry().find(*charger_id) == nullptr) {
    return PortError{PortErrorKind::NotFound, "no charge point \"" + *charger_id + "\"", ""};
  }
  auto saved = plans_->put_schedule(charger_id, plan);
  if (const auto* error = std::get_if<PlanError>(&saved)) {
    return PortError{PortErrorKind::Invalid, error->message, error->field};
  }
  auto& answer = std::get<nlohmann::json>(saved);
  record_audit(actor, "schedule", charger_id,
               charger_id ? "charging plan of " + *charger_id + " saved" : "charging plan saved",
               {{"plan", answer.at("plan")}, {"sentTo", answer.at("sent_to")}});
  return std::move(answer);
}

api::PortStatus CentralSystemPortAdapter::erase_schedule(
    const std::optional<std::string>& charger_id, std::string_view actor) {
  if (plans_ == nullptr) return unavailable();
  bool found = false;
  if (auto error = plans_->erase_schedule(charger_id, &found)) {
    return PortError{PortErrorKind::Unavailable, error->message, ""};
  }
  if (!found) {
    return PortError{PortErrorKind::NotFound,
                     charger_id ? "charge point \"" + *charger_id + "\" has no plan of its own"
                                : std::string("there is no global plan"),
                     ""};
  }
  record_audit(actor, "schedule", charger_id,
               charger_id ? "charging plan of " + *charger_id + " removed"
                          : std::string("charging plan removed"),
               nlohmann::json::object());
  return std::nullopt;
}

api::PortResult<nlohmann::json> CentralSystemPortAdapter::tariff() {
  if (plans_ == nullptr) return unavailable();
  return plans_->tariff();
}

api::PortResult<nlohmann::json> CentralSystemPortAdapter::put_tariff(const nlohmann::json& tariff,
                                                                     std::string_view actor) {
  if (plans_ == nullptr) return unavailable();
  auto saved = plans_->put_tariff(tariff);
  if (const auto* error = std::get_if<PlanError>(&saved)) {
    return PortError{PortErrorKind::Invalid, error->message, error->field};
  }
  auto& answer = std::get<nlohmann::json>(saved);
  record_audit(actor, "tariff", std::nullopt, "tariff saved", answer.at("tariff"));
  return std::move(answer);
}

api::PortResult<std::string> CentralSystemPortAdapter::transactions_csv(
    const api::TransactionFilter& filter) {
  if (plans_ == nullptr) return unavailable();
  const auto zone_name = settings().value("timeZone", std::string("UTC"));
  auto zone = plans_->zones().load(zone_name);
  if (!zone) return PortError{PortErrorKind::Unavailable, "time zone: " + zone.error(), ""};
  auto listed = transactions(filter);
  if (const auto* error = std::get_if<PortError>(&listed)) return *error;
  const auto versions = plans_->tariff_versions();
  const std::string tariff_id = versions.empty() ? "" : versions.back().id;
  const auto now = utc(central_.clock().now());

  std::string csv;
  domain::SessionCsvWriter writer([&csv](std::string_view chunk) { csv += chunk; }, *zone);
  for (const auto& t : std::get<api::PageOf<api::TransactionView>>(listed).items) {
    domain::SessionRecord session;
    session.session_id = std::to_string(t.id);
    session.charge_point_id = t.charger_id;
    session.connector_id = t.connector_id;
    session.id_tag = t.id_tag;
    session.start = utc(t.started_at);
    if (t.stopped_at) session.stop = utc(*t.stopped_at);
    session.stop_reason = t.stop_reason.value_or(t.stopped_at ? "Local" : "");
    // The register between start and stop: meterStart, the samples of this transaction, meterStop.
    session.samples.push_back({session.start, t.meter_start_wh});
    const auto until = session.stop.value_or(now);
    if (until > session.start) {
      const auto series =
          central_.meter_series(t.charger_id, t.started_at, until + std::chrono::seconds(1), 0,
                                "Energy.Active.Import.Register", 100000);
      for (const auto& s : series ? series->at("samples") : nlohmann::json::array()) {
        if (s.value("transactionId", nlohmann::json()) != nlohmann::json(t.id)) continue;
        const auto at = ocpp::DateTime::parse(s.value("at", std::string()));
        if (!at) continue;
        const auto unit = s.value("unit", std::string("Wh"));
        const double wh = s.value("value", 0.0) * (unit == "kWh" ? 1000.0 : 1.0);
        const auto when = std::chrono::floor<std::chrono::seconds>(at->time_point());
        if (when > session.samples.back().at && wh >= session.samples.back().energy_wh) {
          session.samples.push_back({when, wh});
        }
      }
    }
    if (t.meter_stop_wh && session.stop && *t.meter_stop_wh >= session.samples.back().energy_wh) {
      if (*session.stop > session.samples.back().at) {
        session.samples.push_back({*session.stop, *t.meter_stop_wh});
      } else if (session.samples.size() > 1 && *session.stop == session.samples.back().at) {
        // Times are whole seconds: a sample in the second of the stop is older than meterStop,
        // which is the session's last reading (dropping meterStop lost the energy after the
        // sample).
        session.samples.back().energy_wh = *t.meter_stop_wh;
      }
    }
    session.energy_wh = session.samples.back().energy_wh - session.samples.front().energy_wh;
    if (const auto* tariff = domain::tariff_in_force(versions, tariff_id, session.start)) {
      if (const auto cost = domain::session_cost(session.samples, *tariff, *zone)) {
        session.cost_minor = cost->total_minor;
        session.currency = cost->currency;
        session.minor_digits = cost->minor_digits;
      } else {
        spdlog::warn("csv: session {} not costed: {}", t.id, cost.error());
      }
    }
    writer.write(session);
  }
  return csv;
}

}  // namespace csms
