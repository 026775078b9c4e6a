#pragma once
// TransactionWorld plus the limit governor on an in-memory profile store and a fake charger, wired
// to the transactions as the daemon wires them; helpers that speak like a central system.
#include <memory>
#include <string>

#include "fake_charger.hpp"
#include "features/smart_charging/governor.hpp"
#include "memory_ports.hpp"
#include "ocpp/types/datetime.hpp"
#include "transaction_world.hpp"

namespace test_support {

struct GovernorWorld : TransactionWorld {
  GovernorWorld() {
    model.set_vehicle(hal::VehicleState::no_vehicle);
    transactions.register_handlers(router);
    transactions.on_energy_allowed_changed = [this] { governor->recompute(); };
    transactions.on_started = [this](std::int64_t) { governor->recompute(); };
    transactions.on_stopped = [this](std::int64_t) { governor->recompute(); };
    transactions.on_transaction_id = [this](int) { governor->recompute(); };
    config.on_change(
        [this](std::string_view key, const std::string&) { governor->configuration_changed(key); });
    boot();
  }

  // A (re)start of the daemon's governor on the same store, as after a power cut.
  void boot() {
    governor = std::make_unique<chargepoint::smart_charging::Governor>(
        chargepoint::smart_charging::GovernorParts{stored, config, transactions, model, charger,
                                                   timers, clock},
        32.0);
    governor->register_handlers(router);
    governor->restore();
  }

  static std::string iso(common::WallTime time) {
    return ocpp::DateTime(std::chrono::time_point_cast<std::chrono::milliseconds>(time))
        .to_string();
  }

  // A charging profile as a central system writes it; periods as {startPeriod, limit} pairs.
  static nlohmann::json profile(int id, const std::string& purpose, int stack_level,
                                const std::vector<std::pair<int, double>>& periods,
                                const std::string& kind = "Relative") {
    nlohmann::json schedule_periods = nlohmann::json::array();
    for (const auto& [start, limit] : periods)
      schedule_periods.push_back({{"startPeriod", start}, {"limit", limit}});
    return {{"chargingProfileId", id},
            {"stackLevel", stack_level},
            {"chargingProfilePurpose", purpose},
            {"chargingProfileKind", kind},
            {"chargingSchedule",
             {{"chargingRateUnit", "A"}, {"chargingSchedulePeriod", schedule_periods}}}};
  }
  nlohmann::json absolute(int id, const std::string& purpose, int stack_level,
                          const std::vector<std::pair<int, double>>& periods) const {
    auto p = profile(id, purpose, stack_level, periods, "Absolute");
    p["chargingSchedule"]["startSchedule"] = iso(clock.now());
    return p;
  }

  std::string set(int connector_id, const nlohmann::json& charging_profile) {
    return dispatch("SetChargingProfile",
                    {{"connectorId", connector_id}, {"csChargingProfiles", charging_profile}})
        .value("status", "");
  }
  std::string clear(const nlohmann::json& filters) {
    return dispatch("ClearChargingProfile", filters).value("status", "");
  }
  // The composite as "start:limit" pairs, e.g. "0:8 50:10".
  std::string composite(int connector_id, int duration_s, const std::string& unit = "") {
    nlohmann::json request{{"connectorId", connector_id}, {"duration", duration_s}};
    if (!unit.empty()) request["chargingRateUnit"] = unit;
    const auto answer = dispatch("GetCompositeSchedule", request);
    if (answer.value("status", "") != "Accepted") return answer.value("status", "");
    std::string out;
    for (const auto& period : answer.at("chargingSchedule").at("chargingSchedulePeriod")) {
      if (!out.empty()) out += ' ';
      out += std::to_string(period.at("startPeriod").get<int>()) + ':' +
             fmt_limit(period.at("limit").get<double>());
    }
    return out;
  }
  static std::string fmt_limit(double limit) {
    auto text = std::to_string(limit);
    text.erase(text.find_last_not_of('0') + 1);
    if (text.back() == '.') text.pop_back();
    return text;
  }

  // A plug-and-charge session accepted by the central system with this transactionId.
  void start_transaction(int transaction_id = 42) {
    authorizer.attach(&session);
    outbox.attach(&session);
    model.set_vehicle(hal::VehicleState::connected);
    transactions.vehicle_changed(hal::VehicleState::connected);
    io.answer_last({{"idTagInfo", {{"status", "Accepted"}}}});  // Authorize
    io.answer_last({{"idTagInfo", {{"status", "Accepted"}}}, {"transactionId", transaction_id}});
  }
  void unplug() {
    model.set_vehicle(hal::VehicleState::no_vehicle);
    transactions.vehicle_changed(hal::VehicleState::no_vehicle);
  }
  double offered_a() const { return governor->offered().current_a; }

  FakeCharger charger;
  MemoryChargingProfiles stored;
  std::unique_ptr<chargepoint::smart_charging::Governor> governor;
};

}  // namespace test_support
