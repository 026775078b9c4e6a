#pragma once
// Weekly charging plans and the tariff, kept in the facade's key/value settings as JSON text, and
// the plans delivered to the charge points as TxDefaultProfiles (docs/schedules.md):
//   * one global plan, and optionally one per charge point, which replaces the global one there;
//   * sent when a plan is saved, when a charge point boots or reconnects, and again one minute
//     after each UTC offset change of a plan's zone (next_reissue_time), so that the charge point
//     always holds the profiles for now and for after the next clock change;
//   * the profiles use chargingProfileId 100/101 and stackLevel 0/1 (TxDefaultProfile, connector
//     0): saving a plan replaces them instead of piling up (OCPP 1.6 §3.13.2);
//   * removing the last plan that applies to a charger clears them there (ClearChargingProfile by
//     id), at once or on its next connection: a removed plan must not keep pausing the car.
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/event_loop.hpp"
#include "csms_domain/tariff.hpp"
#include "csms_domain/weekly_plan.hpp"
#include "features/central_system.hpp"

namespace csms {

// A change refused: `message` says why, `field` names it ("" for the whole body).
struct PlanError {
  std::string message;
  std::string field;
};

class ChargingPlans {
 public:
  static constexpr int profile_id = 100;
  static constexpr int stack_level = 0;

  ChargingPlans(CentralSystem& central, common::TimerFactory& timers, domain::ZoneDb zones);
  ~ChargingPlans();
  ChargingPlans(const ChargingPlans&) = delete;
  ChargingPlans& operator=(const ChargingPlans&) = delete;

  // {"charger": id|null, "plan": <plan JSON>|null, "inherited": bool (the global plan applies to
  //  this charger), "next_window": {"start", "end", "current_a"}|null}
  nlohmann::json schedule(const std::optional<std::string>& charger_id);
  // Validates, stores and sends; the answer is schedule() plus "sent_to": [charger ids].
  std::variant<nlohmann::json, PlanError> put_schedule(const std::optional<std::string>& charger_id,
                                                       const nlohmann::json& plan);
  // Removes a charger's own plan (the global one applies again, and is sent) or, with nullopt, the
  // global plan. A charger left without any plan has the profiles cleared.
  std::optional<PlanError> erase_schedule(const std::optional<std::string>& charger_id,
                                          bool* found);

  // {"tariff": <latest version>|null, "versions": n}
  nlohmann::json tariff();
  // A new version: version = last + 1, effective_from = now unless given later.
  std::variant<nlohmann::json, PlanError> put_tariff(const nlohmann::json& tariff);
  // Every stored version of every tariff id, oldest first (sessions are costed with theirs).
  std::vector<domain::Tariff> tariff_versions();

  // The plan in force for a charger (its own or the global one).
  std::optional<domain::WeeklyPlan> plan_for(const std::string& charger_id);
  // Sends the plan's profiles to one charger if it is connected and accepted; true if sent. Without
  // a plan, clears the profiles there if a removed plan left them behind.
  bool send_to(const std::string& charger_id);

  const domain::ZoneDb& zones() const { return zones_; }

 private:
  std::optional<domain::WeeklyPlan> stored_plan(const std::string& key);
  void on_event(const nlohmann::json& event);
  void clear_profiles(const std::string& charger_id);
  void send_to_all();
  void schedule_reissue();

  CentralSystem& central_;
  domain::ZoneDb zones_;
  std::unique_ptr<common::Timer> reissue_timer_;
  common::TimerFactory& timers_;
  std::map<std::string, std::unique_ptr<common::Timer>, std::less<>> pending_sends_;
  std::size_t hook_ = 0;
  // When each charger was last sent its profiles: a boot right after a reconnect sends once.
  std::map<std::string, common::WallTime, std::less<>> last_sent_;
};

}  // namespace csms
