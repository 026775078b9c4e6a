#include "app/charging_plans.hpp"

#include <algorithm>
#include <memory>

#include <spdlog/spdlog.h>

#include "csms_domain/json_forms.hpp"
#include "csms_domain/plan_profile.hpp"

namespace csms {

namespace {

constexpr std::string_view k_global_key = "plan.global";
// After a (re)connection or boot: the BootNotification is answered and the link settled first.
constexpr auto k_send_delay = std::chrono::seconds(2);
// A boot right after a reconnection sends once.
constexpr auto k_resend_guard = std::chrono::seconds(60);
// Long timers are re-checked daily: the wall clock may have been set meanwhile.
constexpr auto k_longest_wait = std::chrono::hours(24);

std::string charger_key(std::string_view id) {
  return "plan.charger." + std::string(id);
}

// Set while a charger may still hold the profiles of a plan that was removed; kept in the settings
// so that a charger offline at the time is cleared when it comes back, also after a restart.
std::string clear_key(std::string_view id) {
  return "plan.clear." + std::string(id);
}

domain::UtcTime utc_now(const common::Clock& clock) {
  return std::chrono::floor<std::chrono::seconds>(clock.now());
}

std::string iso(domain::UtcTime at) {
  return ocpp::DateTime(std::chrono::time_point_cast<std::chrono::milliseconds>(at)).to_string();
}

std::string joined(const std::vector<std::string>& errors) {
  std::string text;
  for (const auto& e : errors) text += (text.empty() ? "" : "; ") + e;
  return text;
}

// OCPP 1.6 §9.1 ChargingScheduleMaxPeriods, when the charge point reported it.
int max_periods(const ChargePointRecord& record) {
  const auto& config = record.configuration;
  if (!config.is_object() || !config.contains("ChargingScheduleMaxPeriods")) return 24;
  const auto& entry = config.at("ChargingScheduleMaxPeriods");
  const auto text = entry.is_object() ? entry.value("value", std::string()) : std::string();
  try {
    const int value = std::stoi(text);
    return value > 0 ? value : 24;
  } catch (const std::exception&) {
    return 24;
  }
}

}  // namespace

ChargingPlans::ChargingPlans(CentralSystem& central, common::TimerFactory& timers,
                             domain::ZoneDb zones)
    : central_(central),
      zones_(std::move(zones)),
      reissue_timer_(timers.make_timer()),
      timers_(timers) {
  hook_ = central_.on_event([this](const nlohmann::json& event) { on_event(event); });
  schedule_reissue();
}

ChargingPlans::~ChargingPlans() {
  central_.remove_event_hook(hook_);
}

std::optional<domain::WeeklyPlan> ChargingPlans::stored_plan(const std::string& key) {
  const auto text = central_.setting(key);
  if (!text || text->empty()) return std::nullopt;
  const auto json = nlohmann::json::parse(*text, nullptr, false);
  auto plan = domain::plan_from_json(json);
  if (!plan) {
    spdlog::error("plans: stored {} is unreadable: {}", key, plan.error());
    return std::nullopt;
  }
  return std::move(plan).value();
}

std::optional<domain::WeeklyPlan> ChargingPlans::plan_for(const std::string& charger_id) {
  if (auto own = stored_plan(charger_key(charger_id))) return own;
  return stored_plan(std::string(k_global_key));
}

nlohmann::json ChargingPlans::schedule(const std::optional<std::string>& charger_id) {
  std::optional<domain::WeeklyPlan> plan;
  bool inherited = false;
  if (charger_id) {
    plan = stored_plan(charger_key(*charger_id));
    if (!plan) {
      plan = stored_plan(std::string(k_global_key));
      inherited = plan.has_value();
    }
  } else {
    plan = stored_plan(std::string(k_global_key));
  }
  nlohmann::json out = {{"charger", charger_id ? nlohmann::json(*charger_id) : nlohmann::json()},
                        {"plan", plan ? domain::plan_to_json(*plan) : nlohmann::json()},
                        {"inherited", inherited},
                        {"next_window", nullptr}};
  if (plan) {
    if (const auto zone = zones_.load(plan->time_zone)) {
      if (const auto next = domain::next_window(*plan, *zone, utc_now(central_.clock()))) {
        out["next_window"] = {
            {"start", iso(next->start)}, {"end", iso(next->end)}, {"current_a", next->current_a}};
      }
    }
  }
  return out;
}

std::variant<nlohmann::json, PlanError> ChargingPlans::put_schedule(
    const std::optional<std::string>& charger_id, const nlohmann::json& body) {
  if (charger_id && central_.registry().find(*charger_id) == nullptr) {
    return PlanError{"no charge point \"" + *charger_id + "\"", "charger"};
  }
  const auto plan = domain::plan_from_json(body);
  if (!plan) return PlanError{plan.error(), ""};
  if (const auto errors = domain::plan_errors(*plan, zones_); !errors.empty()) {
    return PlanError{joined(errors), ""};
  }
  // Compiled once here so a plan the charge points could not take is refused now, not at send.
  if (const auto zone = zones_.load(plan->time_zone)) {
    const auto compiled = domain::compile_profiles(*plan, *zone, utc_now(central_.clock()),
                                                   {profile_id, stack_level, 24});
    if (!compiled) return PlanError{compiled.error(), "windows"};
  }
  const auto key = charger_id ? charger_key(*charger_id) : std::string(k_global_key);
  if (const auto done = central_.put_setting(key, domain::plan_to_json(*plan).dump()); !done) {
    return PlanError{"storage: " + done.error, ""};
  }
  nlohmann::json sent = nlohmann::json::array();
  for (const auto& [id, record] : central_.registry().all()) {
    if (charger_id && id != *charger_id) continue;
    // The global plan does not reach a charger that has its own.
    if (!charger_id && stored_plan(charger_key(id))) continue;
    last_sent_.erase(id);
    if (send_to(id)) sent.push_back(id);
  }
  schedule_reissue();
  auto out = schedule(charger_id);
  out["sent_to"] = sent;
  return out;
}

std::optional<PlanError> ChargingPlans::erase_schedule(const std::optional<std::string>& charger_id,
                                                       bool* found) {
  const auto key = charger_id ? charger_key(*charger_id) : std::string(k_global_key);
  *found = stored_plan(key).has_value();
  if (!*found) return std::nullopt;
  if (const auto done = central_.put_setting(key, ""); !done) {
    return PlanError{"storage: " + done.error, ""};
  }
  std::vector<std::string> affected;
  if (charger_id) {
    affected.push_back(*charger_id);
  } else {
    for (const auto& [id, record] : central_.registry().all()) affected.push_back(id);
  }
  for (const auto& id : affected) {
    if (plan_for(id)) continue;  // another plan applies and replaces the profiles when sent
    if (const auto done = central_.put_setting(clear_key(id), "1"); !done) {
      spdlog::error("plans: cannot note that {} must be cleared: {}", id, done.error);
    }
  }
  for (const auto& id : affected) {
    last_sent_.erase(id);
    send_to(id);
  }
  schedule_reissue();
  return std::nullopt;
}

bool ChargingPlans::send_to(const std::string& charger_id) {
  const auto* record = central_.registry().find(charger_id);
  if (record == nullptr || !record->connected || record->registration != Registration::Accepted) {
    return false;
  }
  const auto plan = plan_for(charger_id);
  if (!plan) {
    if (const auto pending = central_.setting(clear_key(charger_id));
        pending && !pending->empty()) {
      clear_profiles(charger_id);
      return true;
    }
    return false;
  }
  if (central_.setting(clear_key(charger_id)).value_or("").size() > 0) {
    // A new plan replaces the same profile ids: nothing is left to clear.
    central_.put_setting(clear_key(charger_id), "");
  }
  const auto now = central_.clock().now();
  if (const auto it = last_sent_.find(charger_id);
      it != last_sent_.end() && now - it->second < k_resend_guard) {
    return false;
  }
  const auto zone = zones_.load(plan->time_zone);
  if (!zone) {
    spdlog::error("plans: {}: {}", charger_id, zone.error());
    return false;
  }
  const auto requests = domain::compile_profiles(*plan, *zone, utc_now(central_.clock()),
                                                 {profile_id, stack_level, max_periods(*record)});
  if (!requests) {
    spdlog::error("plans: cannot compile the plan for {}: {}", charger_id, requests.error());
    return false;
  }
  last_sent_[charger_id] = now;
  for (const auto& request : *requests) {
    const auto id = request.csChargingProfiles.chargingProfileId;
    central_.send(
        charger_id, "SetChargingProfile", nlohmann::json(request),
        [charger_id, id](const CommandResult& result) {
          if (!result.ok()) {
            spdlog::warn("plans: SetChargingProfile {} to {}: {} {}", id, charger_id,
                         to_string(result.error().kind), result.error().description);
          } else if (result.value().value("status", std::string()) != "Accepted") {
            spdlog::warn("plans: {} answered SetChargingProfile {} with {}", charger_id, id,
                         result.value().value("status", std::string("?")));
          }
        },
        "schedule");
  }
  return true;
}

// OCPP 1.6 §5.5: by id, so that profiles installed by anyone else stay. Accepted and Unknown both
// mean the profile is gone; the note is kept (and tried again at the next connection) otherwise.
void ChargingPlans::clear_profiles(const std::string& charger_id) {
  auto remaining = std::make_shared<int>(2);
  auto all_gone = std::make_shared<bool>(true);
  for (const int id : {profile_id, profile_id + 1}) {
    central_.send(
        charger_id, "ClearChargingProfile", nlohmann::json{{"id", id}},
        [&central = central_, charger_id, id, remaining, all_gone](const CommandResult& result) {
          const auto status = result.ok() ? result.value().value("status", std::string()) : "";
          if (status != "Accepted" && status != "Unknown") {
            *all_gone = false;
            spdlog::warn("plans: ClearChargingProfile {} to {}: {}", id, charger_id,
                         result.ok() ? "answered " + status
                                     : std::string(to_string(result.error().kind)) + " " +
                                           result.error().description);
          }
          if (--*remaining == 0 && *all_gone) central.put_setting(clear_key(charger_id), "");
        },
        "schedule");
  }
}

void ChargingPlans::send_to_all() {
  last_sent_.clear();
  for (const auto& [id, record] : central_.registry().all()) send_to(id);
}

void ChargingPlans::on_event(const nlohmann::json& event) {
  const auto type = event.value("type", std::string());
  if (type != "Connected" && type != "Booted") return;
  const auto id = event.value("chargePointId", std::string());
  auto& timer = pending_sends_[id];
  if (!timer) timer = timers_.make_timer();
  timer->start(k_send_delay, [this, id] { send_to(id); });
}

void ChargingPlans::schedule_reissue() {
  const auto now = utc_now(central_.clock());
  std::optional<domain::UtcTime> next;
  std::vector<std::string> keys = {std::string(k_global_key)};
  for (const auto& [id, record] : central_.registry().all()) keys.push_back(charger_key(id));
  for (const auto& key : keys) {
    const auto plan = stored_plan(key);
    if (!plan) continue;
    const auto zone = zones_.load(plan->time_zone);
    if (!zone) continue;
    if (const auto at = domain::next_reissue_time(*zone, now); at && (!next || *at < *next)) {
      next = at;
    }
  }
  reissue_timer_->cancel();
  if (!next) return;
  const auto wait = std::min<std::chrono::milliseconds>(*next - now, k_longest_wait);
  reissue_timer_->start(std::max(wait, std::chrono::milliseconds(0)), [this, at = *next] {
    if (utc_now(central_.clock()) >= at) send_to_all();
    schedule_reissue();
  });
}

}  // namespace csms
