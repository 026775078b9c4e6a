// CentralSystemPortAdapter: transactions, meter series, audit log, id tags and settings.
#include <algorithm>
#include <map>

#include <spdlog/spdlog.h>

#include "app/central_system_port.hpp"
#include "features/charge_point_messages.hpp"

namespace csms {

namespace {

using api::PortError;
using api::PortErrorKind;

std::optional<api::Time> parse_time(const nlohmann::json& value) {
  if (!value.is_string()) return std::nullopt;
  const auto parsed = ocpp::DateTime::parse(value.get<std::string>());
  if (!parsed) return std::nullopt;
  return api::Time(parsed->time_point());
}

std::optional<std::string> optional_text(const nlohmann::json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

std::optional<double> optional_number(const nlohmann::json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end() || !it->is_number()) return std::nullopt;
  return it->get<double>();
}

api::TransactionView transaction_view(const nlohmann::json& t) {
  api::TransactionView view;
  view.id = t.value("transactionId", std::int64_t{0});
  view.charger_id = t.value("chargePointId", std::string());
  view.connector_id = t.value("connectorId", 0);
  view.id_tag = t.value("idTag", std::string());
  view.started_at = parse_time(t.value("start", nlohmann::json())).value_or(api::Time{});
  view.stopped_at = parse_time(t.value("stop", nlohmann::json()));
  view.meter_start_wh = optional_number(t, "meterStartWh").value_or(0.0);
  view.meter_stop_wh = optional_number(t, "meterStopWh");
  view.stop_reason = optional_text(t, "stopReason");
  return view;
}

bool matches(const api::TransactionFilter& f, const api::TransactionView& t) {
  if (f.id_tag && t.id_tag != *f.id_tag) return false;
  if (f.from && t.started_at < *f.from) return false;
  if (f.to && t.started_at >= *f.to) return false;
  if (f.active && (*f.active == t.stopped_at.has_value())) return false;
  return true;
}

template <class T>
api::PageOf<T> page_of(std::vector<T> all, const api::Page& page) {
  api::PageOf<T> out;
  out.total = all.size();
  const auto begin = std::min(page.offset, all.size());
  const auto end = begin + std::min(all.size() - begin, page.limit);
  out.items.assign(std::make_move_iterator(all.begin() + static_cast<std::ptrdiff_t>(begin)),
                   std::make_move_iterator(all.begin() + static_cast<std::ptrdiff_t>(end)));
  return out;
}

// OCPP 1.6 §7.46 units: energy and power may come in k-units.
double in_base_unit(double value, const std::string& unit) {
  return unit == "kW" || unit == "kWh" || unit == "kvar" || unit == "kvarh" ? value * 1000.0
                                                                            : value;
}

struct Bucket {
  std::map<std::string, std::pair<double, int>> current_by_phase;  // sum, count
  std::pair<double, int> power{0.0, 0};
  std::pair<double, int> voltage{0.0, 0};
  std::optional<double> energy_wh;
  std::map<std::string, std::pair<double, int>> ct;  // by measurand "ct.<channel>[.raw]"
};

// The CT series of a point (features/ct_readings.hpp names the measurands).
void set_ct(api::SeriesPoint& point, const std::string& measurand, double mean) {
  const std::pair<const char*, std::optional<double> api::SeriesPoint::*> fields[] = {
      {"ct.site", &api::SeriesPoint::ct_site_a},
      {"ct.solar", &api::SeriesPoint::ct_solar_a},
      {"ct.vehicle", &api::SeriesPoint::ct_vehicle_a},
      {"ct.site.raw", &api::SeriesPoint::ct_site_raw_a},
      {"ct.solar.raw", &api::SeriesPoint::ct_solar_raw_a},
      {"ct.vehicle.raw", &api::SeriesPoint::ct_vehicle_raw_a}};
  for (const auto& [name, field] : fields) {
    if (measurand == name) point.*field = mean;
  }
}

constexpr const char* k_audit_prefix = "api.";
constexpr int k_scan_page = 500;

}  // namespace

api::PortResult<api::PageOf<api::TransactionView>> CentralSystemPortAdapter::uncosted_transactions(
    const api::TransactionFilter& filter) {
  // Newest first, paged by id in the store; the other filters run here.
  std::vector<api::TransactionView> matching;
  std::optional<std::int64_t> before;
  for (std::size_t scanned = 0; scanned < k_max_scanned_rows;) {
    const auto rows = central_.transactions(filter.charger_id.value_or(""), before, k_scan_page);
    for (const auto& row : rows) {
      auto view = transaction_view(row);
      before = view.id;
      if (matches(filter, view)) matching.push_back(std::move(view));
    }
    scanned += rows.size();
    if (rows.size() < static_cast<std::size_t>(k_scan_page)) break;
  }
  return page_of(std::move(matching), filter.page);
}

api::PortResult<std::vector<api::SeriesPoint>> CentralSystemPortAdapter::series(
    const api::SeriesQuery& query) {
  if (central_.registry().find(query.charger_id) == nullptr) {
    return PortError{PortErrorKind::NotFound, "no charge point \"" + query.charger_id + "\"", ""};
  }
  if (query.step.count() <= 0 || query.to <= query.from) {
    return PortError{PortErrorKind::Invalid, "\"to\" must be after \"from\" and step positive",
                     "step"};
  }
  // Recent samples are stored as sampled, older ones as 1- and 15-minute averages (retention): read
  // all three, each weighted by the samples it stands for.
  std::map<std::int64_t, Bucket> buckets;
  for (const int resolution_s : {0, 60, 900}) {
    std::string error;
    const auto series = central_.meter_series(query.charger_id, query.from, query.to, resolution_s,
                                              "", static_cast<int>(k_max_scanned_rows * 5), &error);
    if (!series) return PortError{PortErrorKind::Unavailable, "meter values: " + error, ""};
    for (const auto& sample : series->at("samples")) {
      const auto measurand = sample.value("measurand", std::string());
      // The CT clamps measure the site, not a connector: kept whatever connector is asked.
      const bool ct = measurand.rfind("ct.", 0) == 0;
      if (!ct && query.connector_id && sample.value("connectorId", -1) != *query.connector_id)
        continue;
      const auto at = parse_time(sample.value("at", nlohmann::json()));
      const auto value = optional_number(sample, "value");
      if (!at || !value) continue;
      const int weight = std::max(1, sample.value("count", 1));
      const auto index = (*at - query.from) / query.step;
      auto& bucket = buckets[static_cast<std::int64_t>(index)];
      const auto phase = optional_text(sample, "phase").value_or("");
      const auto base = in_base_unit(*value, sample.value("unit", std::string()));
      if (ct) {
        auto& [sum, count] = bucket.ct[measurand];
        sum += *value * weight;
        count += weight;
      } else if (measurand == "Current.Import") {
        auto& [sum, count] = bucket.current_by_phase[phase];
        sum += base * weight;
        count += weight;
      } else if (measurand == "Power.Active.Import") {
        bucket.power.first += base * weight;
        bucket.power.second += weight;
      } else if (measurand == "Voltage") {
        bucket.voltage.first += base * weight;
        bucket.voltage.second += weight;
      } else if (measurand == "Energy.Active.Import.Register") {
        bucket.energy_wh = std::max(bucket.energy_wh.value_or(base), base);
      }
    }
  }
  std::vector<api::SeriesPoint> points;
  for (const auto& [index, bucket] : buckets) {
    api::SeriesPoint point;
    point.at = query.from + index * query.step;
    for (const auto& [phase, sum_count] : bucket.current_by_phase) {
      const double mean = sum_count.first / sum_count.second;
      point.current_a = std::max(point.current_a.value_or(mean), mean);  // the highest phase
    }
    if (bucket.power.second > 0) point.power_w = bucket.power.first / bucket.power.second;
    if (bucket.voltage.second > 0) point.voltage_v = bucket.voltage.first / bucket.voltage.second;
    point.energy_wh = bucket.energy_wh;
    for (const auto& [measurand, sum_count] : bucket.ct)
      set_ct(point, measurand, sum_count.first / sum_count.second);
    points.push_back(point);
  }
  return points;
}

api::PortResult<api::PageOf<api::AuditEntry>> CentralSystemPortAdapter::audit(
    const api::AuditFilter& filter) {
  // Two sources, one list: ids are 2n for the command log and 2n+1 for the event log, so an entry
  // keeps its id across requests.
  std::vector<api::AuditEntry> entries;
  const auto charger = filter.charger_id.value_or("");
  const bool want_commands = !filter.kind || *filter.kind == "command";
  const bool want_events = !filter.kind || *filter.kind != "command";
  if (want_commands) {
    std::optional<std::int64_t> before;
    for (std::size_t scanned = 0; scanned < k_max_scanned_rows;) {
      auto rows = store_.commands.page(charger, before, k_scan_page);
      if (!rows) return PortError{PortErrorKind::Unavailable, rows.error().message, ""};
      for (const auto& c : *rows) {
        before = c.id;
        nlohmann::json details = {
            {"action", c.action},
            {"payload", nlohmann::json::parse(c.payload_json, nullptr, false)},
            {"outcome", c.outcome}};
        if (c.result_json)
          details["result"] = nlohmann::json::parse(*c.result_json, nullptr, false);
        if (c.error_code) details["error"] = *c.error_code;
        if (c.error_description) details["errorDescription"] = *c.error_description;
        entries.push_back({c.id * 2, api::Time(std::chrono::milliseconds(c.sent_ms)),
                           c.requested_by, "command", c.charge_point_id,
                           c.action + " → " + c.outcome, std::move(details)});
      }
      scanned += rows->size();
      if (rows->size() < static_cast<std::size_t>(k_scan_page)) break;
    }
  }
  if (want_events) {
    const std::string kind =
        filter.kind ? (*filter.kind == "connection" ? "" : k_audit_prefix + *filter.kind) : "";
    std::optional<std::int64_t> before;
    for (std::size_t scanned = 0; scanned < k_max_scanned_rows;) {
      auto rows = store_.events.page(charger, kind, before, k_scan_page);
      if (!rows) return PortError{PortErrorKind::Unavailable, rows.error().message, ""};
      for (const auto& e : *rows) {
        before = e.id;
        auto detail = nlohmann::json::parse(e.detail_json, nullptr, false);
        if (!detail.is_object()) detail = nlohmann::json::object();
        const api::Time at{std::chrono::milliseconds(e.at_ms)};
        std::optional<std::string> cp;
        if (!e.charge_point_id.empty()) cp = e.charge_point_id;
        if (e.kind.rfind(k_audit_prefix, 0) == 0) {
          entries.push_back({e.id * 2 + 1, at, detail.value("actor", std::string("system")),
                             e.kind.substr(4), cp, detail.value("summary", std::string()),
                             detail.value("details", nlohmann::json::object())});
        } else if (!filter.kind || *filter.kind == "connection") {
          // What the charge point reported (Connected, DataTransfer, FirmwareStatus, ...).
          entries.push_back({e.id * 2 + 1, at, "charge point", "connection", cp, e.kind, detail});
        }
      }
      scanned += rows->size();
      if (rows->size() < static_cast<std::size_t>(k_scan_page)) break;
    }
  }
  std::erase_if(entries, [&](const api::AuditEntry& e) {
    return (filter.from && e.at < *filter.from) || (filter.to && e.at >= *filter.to);
  });
  std::stable_sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
    return a.at != b.at ? a.at > b.at : a.id > b.id;
  });
  return page_of(std::move(entries), filter.page);
}

void CentralSystemPortAdapter::record_audit(std::string_view actor, std::string_view kind,
                                            std::optional<std::string_view> charger_id,
                                            std::string summary, nlohmann::json details) {
  const store::ChargePointEvent event{
      0, std::string(charger_id.value_or("")), k_audit_prefix + std::string(kind),
      nlohmann::json{
          {"actor", actor}, {"summary", std::move(summary)}, {"details", std::move(details)}}
          .dump(),
      unix_ms(central_.clock().now())};
  if (auto done = store_.events.append(std::span(&event, 1)); !done) {
    spdlog::error("audit: {}: {}", kind, done.error().message);
  }
}

}  // namespace csms
