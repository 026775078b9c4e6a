// A whole day on manual time (issue #5): the real limit governor, its local limits and the
// OfferedLimit reporter, on the simulated EO box (hal::sim::SimulatedCharger, 1 s samples) with a
// car plugged in for 24 hours, a house whose morning and evening peaks push the 60 A site over its
// limit, and a summer sun with passing clouds. Plan: the night tariff at 32 A until 07:30, sun only
// (TxDefault 0 A raised by the solar surplus) until 17:00, then 32 A again.
//
// Checked: the site current is over the limit for at most one sample at a time; the contactor
// switches no more than EO_MaxContactorSwitchesPerHour in any rolling hour; solar charging starts
// and stops exactly where the configured delays put it, given the readings the governor saw; the
// box is offered what the governor decided. The figures are printed.
#include <spdlog/spdlog.h>

#include <gtest/gtest.h>
#include <cstdio>

#include "day_scenario.hpp"
#include "features/smart_charging/governor.hpp"
#include "hal/sim/simulated_charger.hpp"
#include "memory_ports.hpp"
#include "transaction_world.hpp"

namespace {

using namespace std::chrono_literals;
using chargepoint::limits::LimitSource;
using test_support::DayScenario;

constexpr std::uint32_t k_seed = 20260621;
constexpr double k_site_limit_a = 60;
constexpr int k_max_switches_per_hour = 4;
constexpr int k_solar_start_delay_s = 60;
constexpr int k_solar_stop_delay_s = 300;
constexpr double k_solar_reserve_a = 2;
constexpr int k_sun_only_from = DayScenario::at(7, 30);
constexpr int k_sun_only_until = DayScenario::at(17);

hal::sim::SimConfig box_config() {
  hal::sim::SimConfig config;
  config.battery_capacity_kwh = 250;  // a car that stays hungry all day
  config.initial_soc_percent = 5;
  config.household_load_w = 0;
  return config;
}

std::string clock_time(int second) {
  char text[16];
  std::snprintf(text, sizeof text, "%02d:%02d:%02d", second / 3600, second / 60 % 60, second % 60);
  return text;
}

// What the governor saw at one sample, and what it decided.
struct Seen {
  int second;
  double site_a;
  double solar_a;
  double offered_a;
  LimitSource source;
};

class WholeDay : public ::testing::Test,
                 protected test_support::TransactionWorld,
                 private hal::ChargerEvents {
 protected:
  WholeDay() {
    spdlog::set_level(spdlog::level::warn);  // tens of thousands of offer changes
    for (const auto& [key, value] : std::vector<std::pair<std::string, std::string>>{
             {"EO_SiteLimitA", "60"},
             {"EO_SolarEnabled", "true"},
             {"EO_SolarReserveA", "2"},
             {"EO_SolarStartDelayS", std::to_string(k_solar_start_delay_s)},
             {"EO_SolarStopDelayS", std::to_string(k_solar_stop_delay_s)},
             {"EO_MaxContactorSwitchesPerHour", std::to_string(k_max_switches_per_hour)}}) {
      EXPECT_EQ(config.change(key, value), chargepoint::ChangeResult::Accepted) << key;
    }
    governor = std::make_unique<chargepoint::smart_charging::Governor>(
        chargepoint::smart_charging::GovernorParts{stored, config, transactions, model, box, timers,
                                                   clock},
        32.0);
    governor->register_handlers(router);
    governor->on_offer_changed = [this](const auto& limit) {
      offers.emplace_back(second_now(), limit.current_a);
    };
    governor->on_report_changed = [this](const auto& report) { reporter.offer_changed(report); };
    transactions.on_energy_allowed_changed = [this] { governor->recompute(); };
    transactions.on_started = [this](std::int64_t) { governor->recompute(); };
    transactions.on_stopped = [this](std::int64_t) { governor->recompute(); };
    transactions.on_transaction_id = [this](int) { governor->recompute(); };
    governor->restore();
    authorizer.attach(&session);
    outbox.attach(&session);
    reporter.attach(&session);
    box.set_listener(this);
    box.start();
  }
  ~WholeDay() override { spdlog::set_level(spdlog::level::info); }

  int second_now() const {
    return static_cast<int>(std::chrono::duration_cast<std::chrono::seconds>(timers.now()).count());
  }

  // The central system: answers every CALL the charge point sends.
  void answer_calls() {
    while (answered < io.sent.size()) {
      const auto frame = nlohmann::json::parse(io.sent[answered++]);
      if (frame.at(0) != 2) continue;
      const std::string action = frame.at(2);
      nlohmann::json payload = nlohmann::json::object();
      if (action == "Authorize") payload = {{"idTagInfo", {{"status", "Accepted"}}}};
      if (action == "StartTransaction")
        payload = {{"idTagInfo", {{"status", "Accepted"}}}, {"transactionId", 42}};
      if (action == "DataTransfer") {
        payload = {{"status", "Accepted"}};
        ++data_transfers;
        last_report = frame.at(3).at("data");
      }
      session.receive(nlohmann::json::array({3, frame.at(1), payload}).dump());
    }
  }

  // hal::ChargerEvents, wired as the daemon's HalBridge.
  void on_vehicle_state(hal::VehicleState state) override {
    const chargepoint::ConnectorModel::Batch batch(model);
    model.set_vehicle(state);
    transactions.vehicle_changed(state);
  }
  void on_meter_sample(const hal::MeterSample& sample) override {
    governor->on_sample(sample);
    seen.push_back({second_now(), sample.ct.site_a.value_or(0), sample.ct.solar_a.value_or(0),
                    governor->offered().current_a, governor->offered().source});
  }
  void on_fault_raised(const hal::Fault& fault) override { model.raise_fault(fault); }
  void on_fault_cleared(hal::FaultCode code) override { model.clear_fault(code); }
  void on_link_lost(std::string_view) override { model.set_board_link(false); }
  void on_link_restored() override { model.set_board_link(true); }

  hal::sim::SimulatedCharger box{timers, clock, box_config()};
  test_support::MemoryChargingProfiles stored;
  std::unique_ptr<chargepoint::smart_charging::Governor> governor;
  chargepoint::smart_charging::OfferReporter reporter{config, timers, clock, "org.eo-ocpp"};
  std::size_t answered = 0;
  int data_transfers = 0;
  std::string last_report;
  std::vector<std::pair<int, double>> offers;  // (second, amps) at every change
  std::vector<Seen> seen;
};

// The solar start/stop rules applied to the readings the governor saw (docs/smart-charging.md):
// running from the sample where the surplus has been ≥ 6 A for the start delay, until the one where
// it has been below 6 A for the stop delay. true per sample.
std::vector<bool> expected_solar_running(const std::vector<Seen>& seen) {
  std::vector<bool> running_at;
  bool running = false;
  std::optional<int> since;
  for (const auto& s : seen) {
    const bool enough = s.solar_a - k_solar_reserve_a >= 6.0;
    if (running == enough) {
      since.reset();
    } else {
      if (!since) since = s.second;
      if (s.second - *since >= (running ? k_solar_stop_delay_s : k_solar_start_delay_s)) {
        running = !running;
        since.reset();
      }
    }
    running_at.push_back(running);
  }
  return running_at;
}

TEST_F(WholeDay, SiteLimitContactorAndSolarOverTwentyFourHours) {
  const DayScenario day(k_seed);
  nlohmann::json plan = {{"chargingProfileId", 1},
                         {"stackLevel", 0},
                         {"chargingProfilePurpose", "TxDefaultProfile"},
                         {"chargingProfileKind", "Absolute"},
                         {"chargingSchedule",
                          {{"startSchedule", "2026-11-22T00:00:00Z"},
                           {"chargingRateUnit", "A"},
                           {"chargingSchedulePeriod",
                            {{{"startPeriod", 0}, {"limit", 32}},
                             {{"startPeriod", k_sun_only_from}, {"limit", 0}},
                             {{"startPeriod", k_sun_only_until}, {"limit", 32}}}}}}};
  ASSERT_EQ(dispatch("SetChargingProfile", {{"connectorId", 0}, {"csChargingProfiles", plan}})
                .value("status", ""),
            "Accepted");
  box.plug_in();

  double solar_wh = 0;
  double house_w = -1;
  double sun_w = -1;
  for (int s = 0; s < DayScenario::k_day_s; ++s) {
    if (day.house_w(s) != house_w) box.set_household_load_w(house_w = day.house_w(s));
    if (day.sun_w(s) != sun_w) box.set_solar_w(sun_w = day.sun_w(s));
    timers.advance(1s);
    answer_calls();
    const auto snap = box.snapshot();
    // The box is offered exactly what the governor decided, and the car follows the offer.
    ASSERT_EQ(snap.requested_current_a, governor->offered().current_a) << clock_time(s);
    ASSERT_LE(snap.current_a, snap.requested_current_a) << clock_time(s);
    solar_wh += std::min(snap.power_w, std::max(0.0, sun_w - house_w)) / 3600.0;
  }
  const auto end = box.snapshot();
  ASSERT_GE(seen.size(), static_cast<std::size_t>(DayScenario::k_day_s));  // + the first, at 0 s
  EXPECT_EQ(end.state, hal::VehicleState::charging);

  // 1. The site current: over the limit for at most one sample at a time.
  int longest_over = 0;
  int over_samples = 0;
  int run = 0;
  for (const auto& s : seen) {
    run = s.site_a > k_site_limit_a ? run + 1 : 0;
    over_samples += run > 0 ? 1 : 0;
    longest_over = std::max(longest_over, run);
  }
  EXPECT_GE(over_samples, 2) << "the house should push the site over its limit";
  EXPECT_LE(longest_over, 1) << "samples in a row over " << k_site_limit_a << " A";

  // 2. Contactor switches (0 A ↔ current) in any rolling hour.
  std::vector<int> switches;
  for (std::size_t i = 1; i < offers.size(); ++i)
    if ((offers[i - 1].second > 0) != (offers[i].second > 0)) switches.push_back(offers[i].first);
  if (!offers.empty() && offers.front().second > 0)
    switches.insert(switches.begin(), offers.front().first);
  int most_in_an_hour = 0;
  int busiest_hour_end = 0;
  for (std::size_t i = 0; i < switches.size(); ++i) {
    int in_hour = 0;
    for (std::size_t j = 0; j <= i; ++j) in_hour += switches[j] > switches[i] - 3600 ? 1 : 0;
    if (in_hour > most_in_an_hour) {
      most_in_an_hour = in_hour;
      busiest_hour_end = switches[i];
    }
  }
  EXPECT_LE(most_in_an_hour, k_max_switches_per_hour);

  // 3. Solar charging starts and stops after the configured delays: in the sun-only hours, the
  // offer comes from the solar layer exactly when the start/stop rules say it runs (unless the
  // site limit or the contactor guard has the last word).
  const auto expected = expected_solar_running(seen);
  std::vector<std::string> starts;
  std::vector<std::string> stops;
  int mismatches = 0;
  int overruled = 0;  // samples where the site limit had the last word
  int held = 0;       // samples where the contactor guard held a close back
  bool was_solar = false;
  for (std::size_t i = 0; i < seen.size(); ++i) {
    const auto& s = seen[i];
    if (s.second < k_sun_only_from || s.second >= k_sun_only_until) continue;
    const bool solar = s.source == LimitSource::Solar;
    if (s.source == LimitSource::SiteLoad) {
      ++overruled;
    } else if (s.source == LimitSource::Contactor) {
      ++held;
    } else if (solar != expected[i]) {
      if (++mismatches <= 5)
        ADD_FAILURE() << clock_time(s.second) << ": source "
                      << chargepoint::limits::to_string(s.source) << ", solar expected "
                      << expected[i];
    }
    if (solar && !was_solar) starts.push_back(clock_time(s.second));
    if (!solar && was_solar) stops.push_back(clock_time(s.second));
    was_solar = solar;
  }
  EXPECT_EQ(mismatches, 0);
  EXPECT_GT(held, 0) << "with " << k_max_switches_per_hour
                     << " switches an hour the guard should bind";
  ASSERT_FALSE(starts.empty());
  EXPECT_GE(stops.size(), 1U) << "a long cloud should stop solar charging";

  std::printf(
      "whole day (seed %u): site limit %.0f A, %d samples over it, longest %d sample(s) "
      "(%d s)\n",
      k_seed, k_site_limit_a, over_samples, longest_over, longest_over);
  std::printf("contactor: %zu switches, at most %d in an hour (the hour to %s; limit %d)\n",
              switches.size(), most_in_an_hour, clock_time(busiest_hour_end).c_str(),
              k_max_switches_per_hour);
  std::string start_list;
  for (const auto& t : starts) start_list += " " + t;
  std::string stop_list;
  for (const auto& t : stops) stop_list += " " + t;
  std::printf(
      "solar (sun only %s-%s): starts%s; stops%s; %d samples capped by the site, %d held "
      "by the contactor guard\n",
      clock_time(k_sun_only_from).c_str(), clock_time(k_sun_only_until).c_str(), start_list.c_str(),
      stop_list.c_str(), overruled, held);
  std::printf(
      "energy: %.1f kWh delivered, %.1f kWh of it from the sun; %zu offer changes, %d "
      "OfferedLimit DataTransfers\n",
      end.energy_wh / 1000, solar_wh / 1000, offers.size(), data_transfers);
  EXPECT_GT(solar_wh, 5000);
  // The central system's last OfferedLimit is the present state (the newest always goes out).
  EXPECT_EQ(last_report, chargepoint::smart_charging::offered_limit_data(governor->report()));
}

}  // namespace
