// The composer's cost with 100 installed profiles (bench/README.md, "Smart charging latencies"):
// a timing loop, not a test — disabled, run by bench/smart_charging.sh with
// --gtest_also_run_disabled_tests. It prints the figures and asserts only that the answers are
// sane.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/limits/composite_schedule.hpp"
#include "ocpp/types/datetime.hpp"

namespace {

using namespace std::chrono_literals;
using namespace chargepoint::limits;

const common::WallTime k_now = std::chrono::sys_days{std::chrono::year{2026} / 6 / 21} + 12h;

std::string iso(common::WallTime time) {
  return ocpp::DateTime(std::chrono::time_point_cast<std::chrono::milliseconds>(time)).to_string();
}

// 100 profiles of every kind: ChargePointMax caps, Absolute TxDefaults on connector 0, Daily
// recurring TxDefaults with 48 half-hour periods on connector 1, TxProfiles for the transaction;
// stack levels 0..8, some with validity windows.
std::vector<InstalledProfile> hundred_profiles() {
  std::vector<InstalledProfile> profiles;
  for (int i = 0; i < 100; ++i) {
    const int kind = i % 4;
    nlohmann::json periods = nlohmann::json::array();
    const int count = kind == 2 ? 48 : 1 + i % 12;
    const bool watts = i % 5 == 0;  // 3 phases at 230 V: 690 W per amp
    for (int p = 0; p < count; ++p) {
      const int amps = 6 + (i * 7 + p * 5) % 27;
      periods.push_back({{"startPeriod", p * 1800}, {"limit", watts ? amps * 690 : amps}});
    }
    nlohmann::json schedule{{"chargingRateUnit", watts ? "W" : "A"},
                            {"chargingSchedulePeriod", periods}};
    // Absolute profiles end, so that lower stack levels show through (OCPP 1.6 §3.13.2).
    if (kind != 2) schedule["duration"] = count * 1800;
    nlohmann::json profile{{"chargingProfileId", i + 1},
                           {"stackLevel", i % 9},
                           {"chargingProfilePurpose", kind == 0   ? "ChargePointMaxProfile"
                                                      : kind == 3 ? "TxProfile"
                                                                  : "TxDefaultProfile"},
                           {"chargingProfileKind", kind == 2 ? "Recurring" : "Absolute"},
                           {"chargingSchedule", schedule}};
    if (kind == 2) profile["recurrencyKind"] = "Daily";
    if (kind == 3) profile["transactionId"] = 7;
    profile["chargingSchedule"]["startSchedule"] = iso(k_now - std::chrono::minutes(17 * i));
    if (i % 7 == 0) {
      profile["validFrom"] = iso(k_now - 1h);
      profile["validTo"] = iso(k_now + std::chrono::hours(1 + i % 20));
    }
    profiles.push_back({kind == 0 || kind == 1 ? 0 : 1,
                        profile.get<ocpp::messages::ChargingProfile>(), k_now - 1h});
  }
  return profiles;
}

template <typename Fn>
void time_it(const char* what, int runs, Fn&& fn) {
  std::vector<double> us;
  us.reserve(static_cast<std::size_t>(runs));
  for (int i = 0; i < runs; ++i) {
    const auto start = std::chrono::steady_clock::now();
    fn();
    us.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start)
                     .count());
  }
  std::sort(us.begin(), us.end());
  double sum = 0;
  for (double v : us) sum += v;
  const auto at = [&us](double q) { return us[static_cast<std::size_t>(q * (us.size() - 1))]; };
  std::printf("%-58s mean %8.1f us  p50 %8.1f  p99 %8.1f  max %8.1f  (%d runs)\n", what, sum / runs,
              at(0.5), at(0.99), us.back(), runs);
}

TEST(ComposerCost, DISABLED_HundredInstalledProfiles) {
  const auto profiles = hundred_profiles();
  ASSERT_EQ(profiles.size(), 100U);
  const ConnectorContext connector{1, k_now - 2h, 7};
  const BoxRating box{32, 3, 230};
  const CompositeInputs inputs{
      profiles, std::span(&connector, 1), box, TxProfileEnd::KeepsOverruling, {}};

  Schedule offer;
  time_it("connector_offer (the governor's recompute), 24 h horizon", 300,
          [&] { offer = connector_offer(inputs, connector, k_now, k_now, 24h); });
  ASSERT_FALSE(offer.empty());
  std::printf("  -> %zu periods; now %.1f A (%s)\n", offer.size(),
              limit_at(offer, k_now)->current_a,
              std::string(to_string(limit_at(offer, k_now)->source)).c_str());

  ocpp::messages::GetCompositeScheduleRequest request;
  request.connectorId = 1;
  request.duration = 86400;
  ocpp::messages::GetCompositeScheduleResponse response;
  time_it("composite_schedule, connector 1, 86 400 s", 300,
          [&] { response = composite_schedule(request, k_now, inputs); });
  ASSERT_TRUE(response.chargingSchedule);
  std::printf("  -> %zu periods\n", response.chargingSchedule->chargingSchedulePeriod.size());

  request.connectorId = 0;
  time_it("composite_schedule, connector 0, 86 400 s", 300,
          [&] { response = composite_schedule(request, k_now, inputs); });
  ASSERT_TRUE(response.chargingSchedule);
}

}  // namespace
