// Downsampling and retention of meter values: whole buckets only, weighted averages, registers keep
// their highest reading, and running the job twice changes nothing.
#include <gtest/gtest.h>

#include "csms_store_support.hpp"

namespace {

using namespace csms::store;
using csms_test::World;
using namespace std::chrono_literals;

constexpr std::int64_t k_minute_ms = 60'000;
constexpr std::int64_t k_day_ms = 24 * 3600'000;

MeterSample sample(std::string measurand, std::int64_t at_ms, std::int64_t value_milli) {
  return MeterSample{"CP1", 1, 7, std::move(measurand), "", "A", 0, at_ms, value_milli, 1};
}

TEST(MeterRetention, RawSamplesFoldIntoMinuteAveragesOnceOldEnough) {
  World world;
  auto& meters = world.store->meters;
  // Six samples 10 s apart in one minute, and one in the next minute.
  const std::int64_t base = 1000 * k_minute_ms;
  std::vector<MeterSample> samples;
  for (int i = 0; i < 6; ++i)
    samples.push_back(sample("Current.Import", base + i * 10'000, 10'000 + i * 1000));
  for (int i = 0; i < 6; ++i)
    samples.push_back(sample("Energy.Active.Import.Register", base + i * 10'000, 5'000'000 + i));
  samples.push_back(sample("Current.Import", base + k_minute_ms + 5'000, 99'000));
  ASSERT_TRUE(meters.insert(samples));

  const RetentionPolicy policy{1h, 24h * 30, 24h * 365};
  // Now: the first minute is older than the full-resolution window, the second is not whole yet.
  const auto now = base + k_minute_ms + 3'600'000 + 30'000;
  const auto counts = *meters.downsample(now, policy);
  EXPECT_EQ(counts.raw_folded, 12);
  const auto minute = *meters.series("CP1", 60, 0, now, "Current.Import", 100);
  ASSERT_EQ(minute.size(), 1U);
  EXPECT_EQ(minute[0].at_ms, base);
  EXPECT_EQ(minute[0].value_milli, 12'500);  // the mean of 10..15 A
  EXPECT_EQ(minute[0].count, 6);
  EXPECT_EQ(minute[0].transaction_id, 7);
  const auto energy = *meters.series("CP1", 60, 0, now, "Energy.Active.Import.Register", 100);
  ASSERT_EQ(energy.size(), 1U);
  EXPECT_EQ(energy[0].value_milli, 5'000'005);  // a register keeps its highest reading
  EXPECT_EQ(meters.series("CP1", 0, 0, now, "", 100)->size(), 1U);  // the newer minute stays raw

  // Again at the same time: nothing more to fold.
  const auto again = *meters.downsample(now, policy);
  EXPECT_EQ(again.raw_folded + again.minute_folded + again.pruned, 0);
}

TEST(MeterRetention, MinuteAveragesFoldWeightedThenHistoryIsPruned) {
  World world;
  auto& meters = world.store->meters;
  const std::int64_t base = 100 * 15 * k_minute_ms;  // a 15-minute boundary
  std::vector<MeterSample> rows{
      MeterSample{"CP1", 1, std::nullopt, "Power.Active.Import", "", "W", 60, base, 1'000'000, 1},
      MeterSample{"CP1", 1, std::nullopt, "Power.Active.Import", "", "W", 60, base + k_minute_ms,
                  4'000'000, 3},
  };
  ASSERT_TRUE(meters.insert(rows));
  const RetentionPolicy policy{1h, 24h, 48h};
  const auto counts = *meters.downsample(base + 2 * k_day_ms - k_minute_ms, policy);
  EXPECT_EQ(counts.minute_folded, 2);
  const auto quarter = *meters.series("CP1", 900, 0, base + 10 * k_day_ms, "", 10);
  ASSERT_EQ(quarter.size(), 1U);
  EXPECT_EQ(quarter[0].value_milli, 3'250'000);  // (1 kW × 1 + 4 kW × 3) / 4
  EXPECT_EQ(quarter[0].count, 4);
  EXPECT_EQ(counts.pruned, 0);
  const auto later = *meters.downsample(base + 3 * k_day_ms, policy);
  EXPECT_EQ(later.pruned, 1);
  EXPECT_TRUE(meters.series("CP1", 900, 0, base + 10 * k_day_ms, "", 10)->empty());
}

TEST(MeterRetention, SeriesRefusesUnknownResolutions) {
  World world;
  const auto result = world.store->meters.series("CP1", 30, 0, 1, "", 10);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().kind, ErrorKind::InvalidArgument);
}

}  // namespace
