#pragma once
// Meter series in buckets of a fixed step, for the UI's charts and for the store's history
// retention (keep raw samples for days, then one bucket per step).
#include <chrono>
#include <cstddef>
#include <span>
#include <vector>

#include "csms_domain/result.hpp"

namespace csms::domain {

struct MeterSample {
  UtcTime at;
  double value = 0.0;
  friend bool operator==(const MeterSample&, const MeterSample&) = default;
};

struct MeterBucket {
  UtcTime start;         // origin + k × step
  double average = 0.0;  // arithmetic mean of the samples (not time-weighted: samples are periodic)
  double min = 0.0;
  double max = 0.0;
  double last = 0.0;  // the latest sample's value: right for registers (energy), which only grow
  std::size_t count = 0;
  friend bool operator==(const MeterBucket&, const MeterBucket&) = default;
};

// Buckets [origin + k × step, origin + (k + 1) × step) holding at least one sample, in time order;
// empty buckets are left out (a chart shows the gap). Samples need not be sorted; equal times keep
// their input order for `last`. Non-finite values are skipped. Error: step not positive or above
// 3660 days.
Result<std::vector<MeterBucket>> downsample(std::span<const MeterSample> samples,
                                            std::chrono::seconds step, UtcTime origin = UtcTime{});

}  // namespace csms::domain
