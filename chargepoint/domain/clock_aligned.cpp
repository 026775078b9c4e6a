#include "domain/clock_aligned.hpp"

namespace chargepoint {
namespace {

using Duration = common::WallTime::duration;
using Days = std::chrono::days;

// Start of the (offset) day containing `now`, and the time since then. Computed in the offset's
// frame so that floor() picks local midnight, then moved back to UTC.
struct DayPosition {
  common::WallTime midnight;
  Duration into_day;
};

DayPosition day_position(common::WallTime now, std::chrono::seconds utc_offset) {
  const auto local = now + utc_offset;
  const auto local_midnight = std::chrono::floor<Days>(local);
  return {local_midnight - utc_offset, local - local_midnight};
}

}  // namespace

std::optional<common::WallTime> aligned_interval_start(common::WallTime now,
                                                       std::chrono::seconds interval,
                                                       std::chrono::seconds utc_offset) {
  if (interval <= std::chrono::seconds{0}) return std::nullopt;
  const auto [midnight, into_day] = day_position(now, utc_offset);
  const Duration step = interval;
  return midnight + (into_day / step) * step;
}

std::optional<common::WallTime> next_aligned_boundary(common::WallTime now,
                                                      std::chrono::seconds interval,
                                                      std::chrono::seconds utc_offset) {
  if (interval <= std::chrono::seconds{0}) return std::nullopt;
  const auto [midnight, into_day] = day_position(now, utc_offset);
  const Duration step = interval;
  const auto next = (into_day / step + 1) * step;
  // The day's intervals restart at midnight, whether or not the interval divides the day.
  if (next >= Days{1}) return midnight + Days{1};
  return midnight + next;
}

std::optional<common::WallTime> next_periodic_sample(common::WallTime transaction_start,
                                                     common::WallTime now,
                                                     std::chrono::seconds interval) {
  if (interval <= std::chrono::seconds{0}) return std::nullopt;
  const Duration step = interval;
  if (now < transaction_start) return transaction_start + step;
  const auto elapsed = now - transaction_start;
  return transaction_start + (elapsed / step + 1) * step;
}

}  // namespace chargepoint
