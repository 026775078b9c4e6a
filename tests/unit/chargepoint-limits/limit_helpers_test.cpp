// The small pure helpers around the composer: truncation, board rounding, schedule lookups,
// profile validation and expansion details that the JSON cases do not show directly.
#include <gtest/gtest.h>

#include "domain/limits/compose.hpp"
#include "domain/limits/profile_schedule.hpp"
#include "domain/limits/stacking.hpp"

namespace {

using namespace chargepoint::limits;
using namespace std::chrono_literals;
using namespace ocpp::messages;

const common::WallTime k_now =
    common::WallTime{std::chrono::sys_days{std::chrono::year{2026} / 3 / 29}};

TEST(TruncateToTenth, NeverRoundsUp) {
  EXPECT_DOUBLE_EQ(truncate_to_tenth(32.1739), 32.1);
  EXPECT_DOUBLE_EQ(truncate_to_tenth(17.3913), 17.3);
  EXPECT_DOUBLE_EQ(truncate_to_tenth(16.1), 16.1);
  EXPECT_DOUBLE_EQ(truncate_to_tenth(0.3), 0.3);
  EXPECT_DOUBLE_EQ(truncate_to_tenth(9.99), 9.9);
  EXPECT_DOUBLE_EQ(truncate_to_tenth(7400.0 / 230.0 * 230.0), 7400.0);
  EXPECT_DOUBLE_EQ(truncate_to_tenth(-1.0), 0.0);
}

TEST(BoardLimit, PausesBelowSixAmps) {
  EXPECT_EQ(board_limit({5.99, 3, LimitSource::SiteLoad}, 32.0),
            (Limit{0.0, 3, LimitSource::SiteLoad}));
  EXPECT_EQ(board_limit({6.0, 3, LimitSource::Solar}, 32.0), (Limit{6.0, 3, LimitSource::Solar}));
  EXPECT_EQ(board_limit({6.05, 1, LimitSource::Solar}, 32.0), (Limit{6.0, 1, LimitSource::Solar}));
}

TEST(BoardLimit, TruncatesAndCapsAtTheHardware) {
  EXPECT_EQ(board_limit({16.19, 3, LimitSource::Tx}, 32.0), (Limit{16.1, 3, LimitSource::Tx}));
  EXPECT_EQ(board_limit({40.0, 3, LimitSource::Manual}, 32.0),
            (Limit{32.0, 3, LimitSource::Hardware}));
  EXPECT_EQ(board_limit({20.0, 3, LimitSource::Tx}, 5.0), (Limit{0.0, 3, LimitSource::Hardware}));
}

TEST(LimitSourceNames, RoundTrip) {
  for (auto source :
       {LimitSource::Hardware, LimitSource::ChargePointMax, LimitSource::TxDefault, LimitSource::Tx,
        LimitSource::Schedule, LimitSource::Solar, LimitSource::SiteLoad, LimitSource::Manual,
        LimitSource::Contactor, LimitSource::None}) {
    EXPECT_EQ(limit_source_from_string(to_string(source)), source);
  }
  EXPECT_EQ(to_string(LimitSource::TxDefault), "TxDefault");
  EXPECT_FALSE(limit_source_from_string("tx"));
}

TEST(ScheduleLookup, LimitAtAndNextChange) {
  const Schedule schedule{{k_now, Limit{10, 3, LimitSource::Tx}},
                          {k_now + 60s, std::nullopt},
                          {k_now + 120s, Limit{6, 1, LimitSource::TxDefault}}};
  EXPECT_FALSE(limit_at(schedule, k_now - 1ns));
  EXPECT_EQ(limit_at(schedule, k_now), (Limit{10, 3, LimitSource::Tx}));
  EXPECT_EQ(limit_at(schedule, k_now + 59s), (Limit{10, 3, LimitSource::Tx}));
  EXPECT_FALSE(limit_at(schedule, k_now + 60s));
  EXPECT_EQ(limit_at(schedule, k_now + 1h), (Limit{6, 1, LimitSource::TxDefault}));
  EXPECT_EQ(next_change_after(schedule, k_now), k_now + 60s);
  EXPECT_EQ(next_change_after(schedule, k_now + 60s), k_now + 120s);
  EXPECT_FALSE(next_change_after(schedule, k_now + 120s));
}

TEST(MergeAdjacent, ByLimitAndSourceOrByLimitOnly) {
  const Schedule schedule{{k_now, Limit{10, 3, LimitSource::Tx}},
                          {k_now + 1s, Limit{10, 3, LimitSource::ChargePointMax}},
                          {k_now + 2s, Limit{10, 3, LimitSource::ChargePointMax}},
                          {k_now + 3s, Limit{10, 1, LimitSource::ChargePointMax}},
                          {k_now + 4s, std::nullopt},
                          {k_now + 5s, std::nullopt}};
  EXPECT_EQ(merge_adjacent(schedule, MergeRule::SameLimitAndSource).size(), 4U);
  EXPECT_EQ(merge_adjacent(schedule, MergeRule::SameLimit).size(), 3U);
}

ChargingProfile valid_profile() {
  ChargingProfile profile;
  profile.chargingProfilePurpose = ChargingProfilePurpose::TxDefaultProfile;
  profile.chargingProfileKind = ChargingProfileKind::Absolute;
  profile.chargingSchedule.chargingSchedulePeriod = {{0, 16.0, std::nullopt}, {60, 8.0, 1}};
  return profile;
}

TEST(ProfileError, AcceptsAWellFormedProfile) {
  EXPECT_FALSE(profile_error(valid_profile()));
}

TEST(ProfileError, SaysWhatIsWrong) {
  auto profile = valid_profile();
  profile.chargingSchedule.chargingSchedulePeriod[0].startPeriod = 5;
  EXPECT_EQ(profile_error(profile), "the first startPeriod must be 0");

  profile = valid_profile();
  profile.chargingSchedule.chargingSchedulePeriod[1].startPeriod = 0;
  EXPECT_EQ(profile_error(profile), "startPeriod values must be strictly increasing (period 1)");

  profile = valid_profile();
  profile.chargingSchedule.chargingSchedulePeriod[1].limit = -1;
  EXPECT_EQ(profile_error(profile), "limit must be a non-negative number (period 1)");

  profile = valid_profile();
  profile.chargingSchedule.chargingSchedulePeriod[1].numberPhases = 4;
  EXPECT_EQ(profile_error(profile), "numberPhases must be 1, 2 or 3 (period 1)");

  profile = valid_profile();
  profile.chargingSchedule.chargingSchedulePeriod.clear();
  EXPECT_EQ(profile_error(profile), "chargingSchedulePeriod is empty");

  profile = valid_profile();
  profile.chargingSchedule.duration = -5;
  EXPECT_EQ(profile_error(profile), "duration must not be negative");

  profile = valid_profile();
  profile.chargingProfileKind = ChargingProfileKind::Recurring;
  EXPECT_EQ(profile_error(profile),
            "recurrencyKind must be given for a Recurring profile and only then");
  profile.recurrencyKind = RecurrencyKind::Daily;
  EXPECT_FALSE(profile_error(profile));

  profile = valid_profile();
  profile.validFrom = ocpp::DateTime(std::chrono::floor<std::chrono::milliseconds>(k_now));
  profile.validTo = profile.validFrom;
  EXPECT_EQ(profile_error(profile), "validFrom must be before validTo");
}

TEST(ExpandProfile, BadProfilesExpandToNothingRatherThanCrash) {
  auto profile = valid_profile();
  profile.chargingProfileKind = ChargingProfileKind::Recurring;  // without recurrencyKind
  const ExpandContext context{k_now, std::nullopt, BoxRating{}};
  EXPECT_TRUE(expand_profile({0, profile, k_now}, context, k_now, 1h).empty());
  profile = valid_profile();
  profile.chargingSchedule.chargingSchedulePeriod.clear();
  EXPECT_TRUE(expand_profile({0, profile, k_now}, context, k_now, 1h).empty());
  profile = valid_profile();
  profile.chargingSchedule.chargingSchedulePeriod = {{30, 10.0, 7}, {10, -3.0, 0}};
  const auto odd = expand_profile({0, profile, k_now}, context, k_now, 1h);
  // Sorted anyway, negative limits read as 0 A, phases clamped to what exists.
  ASSERT_EQ(odd.size(), 3U);
  EXPECT_FALSE(odd[0].limit);
  EXPECT_EQ(odd[1].limit, (Limit{0.0, 1, LimitSource::TxDefault}));
  EXPECT_EQ(odd[2].limit, (Limit{10.0, 3, LimitSource::TxDefault}));
}

TEST(ExpandProfile, KeepsFullPrecisionAndTheSource) {
  auto profile = valid_profile();
  profile.chargingProfilePurpose = ChargingProfilePurpose::ChargePointMaxProfile;
  profile.chargingSchedule.chargingRateUnit = ChargingRateUnit::W;
  profile.chargingSchedule.chargingSchedulePeriod = {{0, 7400.0, 1}};
  const ExpandContext context{k_now, std::nullopt, BoxRating{32.0, 3, 230.0}};
  const auto schedule = expand_profile({0, profile, k_now}, context, k_now, 1h);
  ASSERT_EQ(schedule.size(), 1U);
  EXPECT_DOUBLE_EQ(schedule[0].limit->current_a, 7400.0 / 230.0);
  EXPECT_EQ(schedule[0].limit->source, LimitSource::ChargePointMax);
}

TEST(Compose, ZeroHorizonStillSaysWhatHoldsNow) {
  const std::vector<Layer> layers{
      {LayerRole::Cap, {{k_now - 1h, Limit{10, 3, LimitSource::SiteLoad}}}}};
  const auto offered = compose(layers, {32, 3, LimitSource::Hardware}, k_now, 0s);
  ASSERT_EQ(offered.size(), 1U);
  EXPECT_EQ(offered[0].start, k_now);
  EXPECT_EQ(offered[0].limit, (Limit{10, 3, LimitSource::SiteLoad}));
}

TEST(Compose, BoundariesOutsideTheWindowAreIgnored) {
  const std::vector<Layer> layers{
      {LayerRole::Plan,
       {{k_now - 1h, Limit{10, 3, LimitSource::Tx}}, {k_now + 2h, Limit{6, 3, LimitSource::Tx}}}}};
  const auto offered = compose(layers, {32, 3, LimitSource::Hardware}, k_now, 1h);
  ASSERT_EQ(offered.size(), 1U);
  EXPECT_EQ(offered[0].limit, (Limit{10, 3, LimitSource::Tx}));
}

TEST(Stacking, WithinValidityIsHalfOpen) {
  auto profile = valid_profile();
  profile.validFrom = ocpp::DateTime(std::chrono::floor<std::chrono::milliseconds>(k_now));
  profile.validTo = ocpp::DateTime(std::chrono::floor<std::chrono::milliseconds>(k_now + 10s));
  EXPECT_FALSE(within_validity(profile, k_now - 1ms));
  EXPECT_TRUE(within_validity(profile, k_now));
  EXPECT_TRUE(within_validity(profile, k_now + 9999ms));
  EXPECT_FALSE(within_validity(profile, k_now + 10s));
}

}  // namespace
