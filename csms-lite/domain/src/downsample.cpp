#include "csms_domain/downsample.hpp"

#include <algorithm>
#include <cmath>

namespace csms::domain {

Result<std::vector<MeterBucket>> downsample(std::span<const MeterSample> samples,
                                            std::chrono::seconds step, UtcTime origin) {
  if (step <= std::chrono::seconds{0}) return Error{"step must be positive"};
  // Keeps origin + k × step far from the limits of the clock's representation.
  if (step > std::chrono::days{3660}) return Error{"step must be at most 3660 days"};
  std::vector<MeterSample> sorted;
  for (const auto& sample : samples) {
    if (std::isfinite(sample.value)) sorted.push_back(sample);
  }
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const MeterSample& a, const MeterSample& b) { return a.at < b.at; });
  std::vector<MeterBucket> buckets;
  long double sum = 0.0L;
  for (const auto& sample : sorted) {
    auto index = (sample.at - origin) / step;  // truncates toward zero: fix up before the origin
    if (origin + index * step > sample.at) --index;
    const UtcTime start = origin + index * step;
    if (buckets.empty() || buckets.back().start != start) {
      if (!buckets.empty())
        buckets.back().average =
            static_cast<double>(sum / static_cast<long double>(buckets.back().count));
      buckets.push_back({start, 0.0, sample.value, sample.value, sample.value, 0});
      sum = 0.0L;
    }
    auto& bucket = buckets.back();
    bucket.min = std::min(bucket.min, sample.value);
    bucket.max = std::max(bucket.max, sample.value);
    bucket.last = sample.value;
    bucket.count += 1;
    sum += sample.value;
  }
  if (!buckets.empty())
    buckets.back().average =
        static_cast<double>(sum / static_cast<long double>(buckets.back().count));
  return buckets;
}

}  // namespace csms::domain
