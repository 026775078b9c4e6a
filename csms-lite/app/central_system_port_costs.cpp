// CentralSystemPortAdapter: a session's cost, one code path for the session list, the CSV export
// and the running transaction of a charger view, so that they always agree.
#include <spdlog/spdlog.h>

#include "app/central_system_port.hpp"
#include "csms_domain/money.hpp"

namespace csms {

namespace {

domain::UtcTime utc(api::Time at) {
  return std::chrono::floor<std::chrono::seconds>(at);
}

}  // namespace

std::optional<CentralSystemPortAdapter::Costing> CentralSystemPortAdapter::costing(
    std::string* error) {
  if (plans_ == nullptr) {
    if (error != nullptr) *error = "charging plans are not available";
    return std::nullopt;
  }
  const auto zone_name = settings().value("timeZone", std::string("UTC"));
  auto zone = plans_->zones().load(zone_name);
  if (!zone) {
    if (error != nullptr) *error = "time zone: " + zone.error();
    return std::nullopt;
  }
  auto versions = plans_->tariff_versions();
  auto tariff_id = versions.empty() ? std::string() : versions.back().id;
  return Costing{std::move(*zone), std::move(versions), std::move(tariff_id),
                 utc(central_.clock().now())};
}

domain::SessionRecord CentralSystemPortAdapter::session_record(const api::TransactionView& t,
                                                               const Costing& costing) {
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
  const auto until = session.stop.value_or(costing.now);
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
  const auto* tariff = domain::tariff_in_force(costing.versions, costing.tariff_id, session.start);
  if (tariff == nullptr) return session;
  if (const auto cost = domain::session_cost(session.samples, *tariff, costing.zone)) {
    session.cost_minor = cost->total_minor;
    session.currency = cost->currency;
    session.minor_digits = cost->minor_digits;
  } else {
    spdlog::warn("session {} not costed: {}", t.id, cost.error());
  }
  return session;
}

void CentralSystemPortAdapter::add_cost(api::TransactionView& t, const Costing& costing) {
  // Without any tariff there is nothing to cost: skip reading the samples.
  if (costing.versions.empty()) return;
  const auto session = session_record(t, costing);
  if (!session.cost_minor) return;
  t.cost = domain::format_minor(*session.cost_minor, session.minor_digits);
  t.currency = session.currency;
}

api::PortResult<api::PageOf<api::TransactionView>> CentralSystemPortAdapter::transactions(
    const api::TransactionFilter& filter) {
  auto listed = uncosted_transactions(filter);
  auto* page = std::get_if<api::PageOf<api::TransactionView>>(&listed);
  if (page == nullptr || page->items.empty()) return listed;
  // Only the page's items: each costs a read of its samples. A hub whose zone cannot be loaded
  // still lists its sessions, without cost (the CSV export reports the zone error).
  std::string error;
  const auto with = costing(&error);
  if (!with) {
    if (plans_ != nullptr) spdlog::warn("sessions not costed: {}", error);
    return listed;
  }
  for (auto& t : page->items) add_cost(t, *with);
  return listed;
}

}  // namespace csms
