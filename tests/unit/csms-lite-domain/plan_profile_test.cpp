#include <gtest/gtest.h>

#include <limits>

#include "csms_domain/plan_profile.hpp"
#include "domain/limits/stacking.hpp"
#include "ocpp/schema/registry.hpp"
#include "test_zones.hpp"

namespace csms::domain {
namespace {

using namespace std::chrono;
using testing::london;
using testing::utc;
namespace msg = ocpp::messages;

const std::vector<weekday> every_day = {Monday, Tuesday,  Wednesday, Thursday,
                                        Friday, Saturday, Sunday};

UtcTime at(const ocpp::DateTime& time) {
  return time_point_cast<seconds>(time.time_point());
}

// The reference reading of OCPP 1.6 §3.13 / §7 for the profiles we emit, written independently of
// the charge point: among the TxDefaultProfiles valid at t ([validFrom, validTo)), the highest
// stackLevel whose Recurring Weekly schedule has a period at t sets the limit.
std::optional<double> reference_limit(const std::vector<msg::SetChargingProfileRequest>& requests,
                                      UtcTime t) {
  std::optional<double> limit;
  int best_level = -1;
  for (const auto& request : requests) {
    const auto& profile = request.csChargingProfiles;
    if (profile.validFrom && t < at(*profile.validFrom)) continue;
    if (profile.validTo && t >= at(*profile.validTo)) continue;
    const auto& schedule = profile.chargingSchedule;
    long long elapsed = (t - at(*schedule.startSchedule)).count() % week_s;
    if (elapsed < 0) elapsed += week_s;
    if (schedule.duration && elapsed >= *schedule.duration) continue;
    std::optional<double> here;
    for (const auto& period : schedule.chargingSchedulePeriod) {
      if (period.startPeriod <= elapsed) here = period.limit;
    }
    if (here && profile.stackLevel > best_level) {
      best_level = profile.stackLevel;
      limit = here;
    }
  }
  return limit;
}

// The charge point's own composer (chargepoint/domain/limits), connector 1, 32 A box.
chargepoint::limits::Schedule charge_point_plan(
    const std::vector<msg::SetChargingProfileRequest>& requests, UtcTime received, UtcTime from,
    seconds horizon) {
  std::vector<chargepoint::limits::InstalledProfile> installed;
  for (const auto& request : requests) {
    installed.push_back({request.connectorId, request.csChargingProfiles, received});
  }
  return chargepoint::limits::ocpp_layers(
             installed, {1, std::nullopt, std::nullopt}, {32.0, 3, 230}, received,
             chargepoint::limits::TxProfileEnd::KeepsOverruling, from, horizon)
      .plan;
}

// Every minute of [from, from + horizon): the plan's meaning, the reference reading and the charge
// point's composer agree, and each equals `expected(t)`.
template <class Expected>
void expect_minute_by_minute(const WeeklyPlan& plan, UtcTime compiled_at, UtcTime from,
                             hours horizon, Expected expected) {
  const auto zone = london();
  const auto requests = compile_profiles(plan, zone, compiled_at, {});
  ASSERT_TRUE(requests) << requests.error();
  const auto composed = charge_point_plan(*requests, compiled_at, from, horizon);
  for (UtcTime t = from; t < from + horizon; t += minutes{1}) {
    const double want = expected(t);
    ASSERT_EQ(current_at(plan, zone, t), want) << "plan at " << t.time_since_epoch().count();
    ASSERT_EQ(reference_limit(*requests, t), want)
        << "reference at " << t.time_since_epoch().count();
    const auto limit = chargepoint::limits::limit_at(composed, system_clock::time_point{t});
    ASSERT_TRUE(limit) << "charge point has no limit at " << t.time_since_epoch().count();
    ASSERT_EQ(limit->current_a, want) << "charge point at " << t.time_since_epoch().count();
  }
}

double in(UtcTime t, UtcTime begin, UtcTime end, double inside, double outside = 0) {
  return t >= begin && t < end ? inside : outside;
}

TEST(CompileProfiles, TwoErasAroundTheNextChange) {
  const WeeklyPlan plan{"Europe/London", {{every_day, 30min, 5h + 30min, 32}}, 0};
  const auto requests = compile_profiles(plan, london(), utc(2026, 11, 22, 10, 45), {7, 2, 24});
  ASSERT_TRUE(requests) << requests.error();
  ASSERT_EQ(requests->size(), 2u);
  const auto& now_era = (*requests)[0].csChargingProfiles;
  const auto& next_era = (*requests)[1].csChargingProfiles;
  EXPECT_EQ((*requests)[0].connectorId, 0);
  EXPECT_EQ(now_era.chargingProfileId, 7);
  EXPECT_EQ(now_era.stackLevel, 2);
  EXPECT_EQ(now_era.chargingProfilePurpose, msg::ChargingProfilePurpose::TxDefaultProfile);
  EXPECT_EQ(now_era.chargingProfileKind, msg::ChargingProfileKind::Recurring);
  EXPECT_EQ(now_era.recurrencyKind, msg::RecurrencyKind::Weekly);
  EXPECT_EQ(now_era.chargingSchedule.chargingRateUnit, msg::ChargingRateUnit::A);
  EXPECT_EQ(now_era.chargingSchedule.duration, week_s);
  EXPECT_EQ(at(*now_era.validFrom), utc(2026, 10, 25, 1));
  EXPECT_EQ(at(*now_era.validTo), utc(2027, 3, 28, 1));
  // Sunday 22 November is in the week starting Monday 16 November 00:00 GMT.
  EXPECT_EQ(at(*now_era.chargingSchedule.startSchedule), utc(2026, 11, 16));
  EXPECT_EQ(now_era.chargingSchedule.chargingSchedulePeriod.size(), 15u);
  EXPECT_EQ(now_era.chargingSchedule.chargingSchedulePeriod[1],
            (msg::ChargingSchedulePeriod{1800, 32, std::nullopt}));
  EXPECT_EQ(next_era.chargingProfileId, 8);
  EXPECT_EQ(next_era.stackLevel, 3);
  EXPECT_EQ(at(*next_era.validFrom), utc(2027, 3, 28, 1));
  EXPECT_EQ(at(*next_era.validTo), utc(2027, 10, 31, 1));
  // Monday 22 March 2027 00:00 BST, written with the summer offset: 21 March 23:00 UTC.
  EXPECT_EQ(at(*next_era.chargingSchedule.startSchedule), utc(2027, 3, 21, 23));
}

TEST(CompileProfiles, RequestsPassTheSetChargingProfileSchema) {
  // Session::call checks every outgoing payload against the OCPP 1.6J schema; so do we, here.
  const WeeklyPlan plan{"Europe/London",
                        {{{Monday, Tuesday, Wednesday, Thursday, Friday}, 30min, 5h + 30min, 32},
                         {{Saturday}, 10h, 14h, 16},
                         {{Sunday}, 20h, 23h, 6.5}},
                        0};
  const auto requests = compile_profiles(plan, london(), utc(2026, 11, 22, 10, 45, 17), {});
  ASSERT_TRUE(requests) << requests.error();
  for (const auto& request : *requests) {
    const nlohmann::json payload = request;
    const auto error = ocpp::schema::Registry::instance().validate(
        "SetChargingProfile", ocpp::schema::MessageKind::Request, payload);
    EXPECT_FALSE(error) << error->path << ": " << error->message << "\n" << payload.dump();
  }
}

TEST(CompileProfiles, PeriodsForMidnightAndTheWeekEnd) {
  const WeeklyPlan plan{"Europe/London", {{{Sunday}, 23h, 7h, 32}, {{Saturday}, 10h, 14h, 16}}, 6};
  const auto requests = compile_profiles(plan, london(), utc(2026, 11, 22), {});
  ASSERT_TRUE(requests) << requests.error();
  const std::vector<msg::ChargingSchedulePeriod> expected = {
      {0, 32, std::nullopt},
      {7 * 3600, 6, std::nullopt},
      {5 * 86400 + 10 * 3600, 16, std::nullopt},
      {5 * 86400 + 14 * 3600, 6, std::nullopt},
      {6 * 86400 + 23 * 3600, 32, std::nullopt},
  };
  EXPECT_EQ((*requests)[0].csChargingProfiles.chargingSchedule.chargingSchedulePeriod, expected);
}

TEST(CompileProfiles, BackToBackWindowsAndWindowsAtTheOtherwiseCurrentMerge) {
  const WeeklyPlan plan{
      "Europe/London", {{{Monday}, 0h, 6h, 32}, {{Monday}, 6h, 8h, 16}, {{Tuesday}, 1h, 2h, 0}}, 0};
  const auto requests = compile_profiles(plan, london(), utc(2026, 11, 22), {});
  ASSERT_TRUE(requests) << requests.error();
  const std::vector<msg::ChargingSchedulePeriod> expected = {
      {0, 32, std::nullopt}, {6 * 3600, 16, std::nullopt}, {8 * 3600, 0, std::nullopt}};
  EXPECT_EQ((*requests)[0].csChargingProfiles.chargingSchedule.chargingSchedulePeriod, expected);
}

TEST(CompileProfiles, ZoneWithoutChangesGetsOneOpenProfile) {
  WeeklyPlan plan{"Etc/Test", {{every_day, 1h, 2h, 16}}, 0};
  const auto zone = TimeZone::from_posix("Etc/Test", "JST-9");
  ASSERT_TRUE(zone);
  const auto requests = compile_profiles(plan, *zone, utc(2026, 11, 22), {});
  ASSERT_TRUE(requests) << requests.error();
  ASSERT_EQ(requests->size(), 1u);
  EXPECT_FALSE((*requests)[0].csChargingProfiles.validFrom);
  EXPECT_FALSE((*requests)[0].csChargingProfiles.validTo);
  // Monday 16 November 00:00 JST = Sunday 15 November 15:00 UTC.
  EXPECT_EQ(at(*(*requests)[0].csChargingProfiles.chargingSchedule.startSchedule),
            utc(2026, 11, 15, 15));
  EXPECT_EQ(next_reissue_time(*zone, utc(2026, 11, 22)), std::nullopt);
}

TEST(CompileProfiles, SystemTokyoHasNoValidTo) {
  const auto tokyo = ZoneDb().load("Asia/Tokyo");
  if (!tokyo) GTEST_SKIP() << "no tzdata installed";
  const WeeklyPlan plan{"Asia/Tokyo", {{every_day, 1h, 2h, 16}}, 0};
  const auto requests = compile_profiles(plan, *tokyo, utc(2026, 11, 22), {});
  ASSERT_TRUE(requests) << requests.error();
  ASSERT_EQ(requests->size(), 1u);
  EXPECT_FALSE((*requests)[0].csChargingProfiles.validTo);
  EXPECT_EQ(at(*(*requests)[0].csChargingProfiles.chargingSchedule.startSchedule),
            utc(2026, 11, 15, 15));
}

TEST(CompileProfiles, Errors) {
  const auto zone = london();
  WeeklyPlan plan{"Europe/London", {{every_day, 1h, 1h, 16}}, 0};
  EXPECT_EQ(compile_profiles(plan, zone, utc(2026, 11, 22), {}).error(),
            "windows[0]: zero length (start equals end 01:00)");
  plan = {"Europe/Paris", {{every_day, 1h, 2h, 16}}, 0};
  EXPECT_EQ(compile_profiles(plan, zone, utc(2026, 11, 22), {}).error(),
            "zone Europe/London is not the plan's zone Europe/Paris");
  plan = {"Europe/London", {{every_day, 1h, 2h, 16}}, 0};
  EXPECT_EQ(compile_profiles(plan, zone, utc(2026, 11, 22), {1, 0, 10}).error(),
            "the plan needs 15 schedule periods a week; the charge point accepts 10 "
            "(ChargingScheduleMaxPeriods)");
  EXPECT_EQ(compile_profiles(plan, zone, utc(2026, 11, 22), {0, 0, 24}).error(),
            "charging profile id must be 1..2147483646");
  EXPECT_EQ(compile_profiles(plan, zone, utc(2026, 11, 22), {1, -1, 24}).error(),
            "stack level must be 0..2147483646");
  EXPECT_EQ(
      compile_profiles(plan, zone, utc(2026, 11, 22), {1, std::numeric_limits<int>::max(), 24})
          .error(),
      "stack level must be 0..2147483646");
  EXPECT_EQ(ocpp::messages::ChargingProfileKind::Recurring,
            compile_profiles(plan, zone, utc(2026, 11, 22), {1, 0, 15})
                ->front()
                .csChargingProfiles.chargingProfileKind);
}

TEST(NextReissueTime, AMinuteAfterEachChange) {
  const auto zone = london();
  EXPECT_EQ(next_reissue_time(zone, utc(2026, 11, 22)), utc(2027, 3, 28, 1, 1));
  EXPECT_EQ(next_reissue_time(zone, utc(2026, 3, 29, 0, 59, 59)), utc(2026, 3, 29, 1, 1));
  EXPECT_EQ(next_reissue_time(zone, utc(2026, 3, 29, 1, 1)), utc(2026, 10, 25, 1, 1));
}

// Issue 6: 00:30–05:30 local every night, compiled a week before each change, checked minute by
// minute across the change by the reference reading and by the charge point's composer.
TEST(CompiledProfilesDst, SpringForwardNight) {
  const WeeklyPlan plan{"Europe/London", {{every_day, 30min, 5h + 30min, 32}}, 0};
  expect_minute_by_minute(plan, utc(2026, 3, 22, 12), utc(2026, 3, 28, 12), 48h, [](UtcTime t) {
    return in(t, utc(2026, 3, 29, 0, 30), utc(2026, 3, 29, 4, 30), 32) +
           in(t, utc(2026, 3, 29, 23, 30), utc(2026, 3, 30, 4, 30), 32);
  });
}

TEST(CompiledProfilesDst, FallBackNight) {
  const WeeklyPlan plan{"Europe/London", {{every_day, 30min, 5h + 30min, 32}}, 0};
  expect_minute_by_minute(plan, utc(2026, 10, 19, 8), utc(2026, 10, 24, 12), 48h, [](UtcTime t) {
    return in(t, utc(2026, 10, 24, 23, 30), utc(2026, 10, 25, 5, 30), 32) +
           in(t, utc(2026, 10, 26, 0, 30), utc(2026, 10, 26, 5, 30), 32);
  });
}

TEST(CompiledProfilesDst, MissingAndRepeatedHourWithAnOtherwiseCurrent) {
  const WeeklyPlan plan{"Europe/London", {{every_day, 1h, 2h, 16}}, 6};
  expect_minute_by_minute(plan, utc(2026, 3, 27), utc(2026, 3, 28, 12), 24h,
                          [](UtcTime) { return 6.0; });
  expect_minute_by_minute(plan, utc(2026, 10, 20), utc(2026, 10, 24, 12), 24h, [](UtcTime t) {
    return in(t, utc(2026, 10, 25, 0), utc(2026, 10, 25, 2), 16, 6);
  });
}

TEST(CompiledProfilesDst, MidnightCrossingWindowOverTheChange) {
  // Saturday 23:00 – Sunday 07:00 local: 23:00 GMT = 23:00 UTC to 07:00 BST = 06:00 UTC.
  const WeeklyPlan plan{"Europe/London", {{{Saturday}, 23h, 7h, 20}}, 0};
  expect_minute_by_minute(plan, utc(2026, 3, 25), utc(2026, 3, 28, 12), 24h, [](UtcTime t) {
    return in(t, utc(2026, 3, 28, 23), utc(2026, 3, 29, 6), 20);
  });
}

TEST(CompiledProfilesDst, ReissuedAfterTheChangeStillAgrees) {
  // The caller re-sends at next_reissue_time: the era in force moves down to stack level S.
  const WeeklyPlan plan{"Europe/London", {{every_day, 30min, 5h + 30min, 32}}, 0};
  const auto reissue = next_reissue_time(london(), utc(2026, 3, 22));
  ASSERT_TRUE(reissue);
  const auto requests = compile_profiles(plan, london(), *reissue, {});
  ASSERT_TRUE(requests);
  EXPECT_EQ(at(*(*requests)[0].csChargingProfiles.validFrom), utc(2026, 3, 29, 1));
  EXPECT_EQ(at(*(*requests)[1].csChargingProfiles.validTo), utc(2027, 3, 28, 1));
  expect_minute_by_minute(plan, *reissue, utc(2026, 10, 24, 12), 24h, [](UtcTime t) {
    return in(t, utc(2026, 10, 24, 23, 30), utc(2026, 10, 25, 5, 30), 32);
  });
}

}  // namespace
}  // namespace csms::domain
