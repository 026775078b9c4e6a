#include <gtest/gtest.h>

#include <cmath>

#include "csms_domain/downsample.hpp"
#include "test_zones.hpp"

namespace csms::domain {
namespace {

using namespace std::chrono;
using testing::utc;

TEST(Downsample, AverageMinMaxLastPerBucket) {
  const std::vector<MeterSample> samples = {
      {utc(2026, 11, 22, 10, 0, 10), 10},
      {utc(2026, 11, 22, 10, 0, 50), 30},
      {utc(2026, 11, 22, 10, 0, 30), 20},  // out of order on purpose
      {utc(2026, 11, 22, 10, 3, 0), 7},    // 10:01 and 10:02 are empty: left out
  };
  const auto buckets = downsample(samples, 1min);
  ASSERT_TRUE(buckets) << buckets.error();
  const std::vector<MeterBucket> expected = {{utc(2026, 11, 22, 10), 20, 10, 30, 30, 3},
                                             {utc(2026, 11, 22, 10, 3), 7, 7, 7, 7, 1}};
  EXPECT_EQ(*buckets, expected);
}

TEST(Downsample, OriginAndSamplesBeforeIt) {
  const std::vector<MeterSample> samples = {{utc(2026, 11, 22, 9, 59, 59), 1},
                                            {utc(2026, 11, 22, 10, 14, 59), 2},
                                            {utc(2026, 11, 22, 10, 15), 3}};
  const auto buckets = downsample(samples, 15min, utc(2026, 11, 22, 10));
  ASSERT_TRUE(buckets);
  ASSERT_EQ(buckets->size(), 3u);
  EXPECT_EQ((*buckets)[0].start, utc(2026, 11, 22, 9, 45));
  EXPECT_EQ((*buckets)[1].start, utc(2026, 11, 22, 10));
  EXPECT_EQ((*buckets)[2].start, utc(2026, 11, 22, 10, 15));
}

TEST(Downsample, SkipsNonFiniteAndRejectsABadStep) {
  const std::vector<MeterSample> samples = {{utc(2026, 11, 22, 10), std::nan("")},
                                            {utc(2026, 11, 22, 10), 4}};
  const auto buckets = downsample(samples, 1h);
  ASSERT_TRUE(buckets);
  ASSERT_EQ(buckets->size(), 1u);
  EXPECT_EQ((*buckets)[0].count, 1u);
  EXPECT_EQ(downsample(samples, 0s).error(), "step must be positive");
  EXPECT_EQ(downsample(samples, days{3661}).error(), "step must be at most 3660 days");
  EXPECT_TRUE(downsample({}, 1h)->empty());
}

TEST(Downsample, EqualTimesKeepInputOrderForLast) {
  const std::vector<MeterSample> samples = {
      {utc(2026, 11, 22, 10), 5}, {utc(2026, 11, 22, 10), 9}, {utc(2026, 11, 22, 10), 6}};
  EXPECT_EQ(downsample(samples, 1h)->front().last, 6);
}

}  // namespace
}  // namespace csms::domain
