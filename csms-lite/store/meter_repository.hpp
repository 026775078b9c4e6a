#pragma once
// Meter values: every sampled value at full resolution for recent data, then 1-minute and 15-minute
// averages for history, then nothing (the retention). Downsampling keeps the SD card's write volume
// and the file's size bounded for years of 10-second samples.
#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "store/sqlite.hpp"

namespace csms::store {

struct MeterSample {
  std::string charge_point_id;
  int connector_id = 0;
  std::optional<std::int64_t> transaction_id;
  std::string measurand;  // OCPP 1.6 §7.31 Measurand, e.g. "Current.Import"
  std::string phase;      // "" when the sample has none
  std::string unit;       // OCPP 1.6 §7.47 UnitOfMeasure as sent ("" = the measurand's default)
  int resolution_s = 0;   // 0: as sampled; 60 or 900: an average of `count` samples
  UnixMs at_ms = 0;       // the bucket's start for averages
  std::int64_t value_milli = 0;
  std::int64_t count = 1;
};

struct RetentionPolicy {
  std::chrono::hours full_resolution{48};         // then 1-minute averages
  std::chrono::hours minute_resolution{24 * 30};  // then 15-minute averages
  std::chrono::hours history{24 * 365};           // then deleted
};

struct DownsampleCounts {
  std::int64_t raw_folded = 0;     // full-resolution rows turned into 1-minute averages
  std::int64_t minute_folded = 0;  // 1-minute rows turned into 15-minute averages
  std::int64_t pruned = 0;         // 15-minute rows past the history
};

class MeterRepository {
 public:
  explicit MeterRepository(Database& db) : db_(db) {}

  // In the caller's transaction when there is one (the write buffer's flush).
  Result<void> insert(std::span<const MeterSample> samples);
  // Samples of one charge point in [from, to) at one resolution (0, 60 or 900), oldest first; at
  // most `limit` rows. `measurand` empty for all.
  Result<std::vector<MeterSample>> series(std::string_view charge_point_id, int resolution_s,
                                          UnixMs from_ms, UnixMs to_ms, std::string_view measurand,
                                          int limit);
  // The periodic job: folds what has aged out of each resolution into the next, in one transaction.
  // Only whole buckets are folded, so running it again changes nothing.
  Result<DownsampleCounts> downsample(UnixMs now_ms, const RetentionPolicy& policy);

 private:
  Result<std::int64_t> fold(int from_resolution_s, int to_resolution_s, UnixMs before_ms);
  Database& db_;
};

}  // namespace csms::store
