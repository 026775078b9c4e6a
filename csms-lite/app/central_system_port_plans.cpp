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
  std::string error;
  const auto with = costing(&error);
  if (!with) return PortError{PortErrorKind::Unavailable, error, ""};
  auto listed = uncosted_transactions(filter);
  if (const auto* failed = std::get_if<PortError>(&listed)) return *failed;

  std::string csv;
  domain::SessionCsvWriter writer([&csv](std::string_view chunk) { csv += chunk; }, with->zone);
  for (const auto& t : std::get<api::PageOf<api::TransactionView>>(listed).items) {
    writer.write(session_record(t, *with));
  }
  return csv;
}

}  // namespace csms
