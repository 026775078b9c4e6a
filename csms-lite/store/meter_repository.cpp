#include "store/meter_repository.hpp"

namespace csms::store {

namespace {

std::int64_t ms(std::chrono::hours hours) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(hours).count();
}

}  // namespace

Result<void> MeterRepository::insert(std::span<const MeterSample> samples) {
  if (samples.empty()) return {};
  auto statement = Statement::prepare(
      db_,
      "INSERT INTO meter_samples (charge_point_id, connector_id, transaction_id, "
      "measurand, phase, unit, resolution_s, at_ms, value_milli, count) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
  if (!statement) return statement.error();
  return with_transaction(db_, [&]() -> Result<void> {
    for (const auto& sample : samples) {
      statement->reset();
      statement->bind(1, sample.charge_point_id)
          .bind(2, std::int64_t{sample.connector_id})
          .bind(3, sample.transaction_id)
          .bind(4, sample.measurand)
          .bind(5, sample.phase)
          .bind(6, sample.unit)
          .bind(7, std::int64_t{sample.resolution_s})
          .bind(8, sample.at_ms)
          .bind(9, sample.value_milli)
          .bind(10, sample.count);
      if (auto done = statement->run(); !done) return done.error();
    }
    return {};
  });
}

Result<std::vector<MeterSample>> MeterRepository::series(std::string_view charge_point_id,
                                                         int resolution_s, UnixMs from_ms,
                                                         UnixMs to_ms, std::string_view measurand,
                                                         int limit) {
  if (resolution_s != 0 && resolution_s != 60 && resolution_s != 900) {
    return make_error(ErrorKind::InvalidArgument,
                      "resolution must be 0 (as sampled), 60 or 900 seconds, not " +
                          std::to_string(resolution_s));
  }
  if (limit < 1 || limit > 100000)
    return make_error(ErrorKind::InvalidArgument, "limit must be 1 to 100000");
  auto statement = Statement::prepare(
      db_,
      "SELECT charge_point_id, connector_id, transaction_id, measurand, phase, unit, resolution_s, "
      "at_ms, "
      "value_milli, count FROM meter_samples WHERE charge_point_id = ?1 AND resolution_s = ?2 AND "
      "at_ms >= ?3 AND "
      "at_ms < ?4 AND (?5 = '' OR measurand = ?5) ORDER BY at_ms, rowid LIMIT ?6");
  if (!statement) return statement.error();
  statement->bind(1, charge_point_id)
      .bind(2, std::int64_t{resolution_s})
      .bind(3, from_ms)
      .bind(4, to_ms)
      .bind(5, measurand)
      .bind(6, std::int64_t{limit});
  std::vector<MeterSample> found;
  auto done = for_each_row(*statement, [&](const Statement& row) {
    found.push_back(MeterSample{row.column_text(0), static_cast<int>(row.column_int64(1)),
                                row.column_optional_int64(2), row.column_text(3),
                                row.column_text(4), row.column_text(5),
                                static_cast<int>(row.column_int64(6)), row.column_int64(7),
                                row.column_int64(8), row.column_int64(9)});
  });
  if (!done) return done.error();
  return found;
}

// Averages weighted by count, so that folding 1-minute rows gives the same figure as averaging the
// raw samples would have. Registers (energy counters) keep their highest reading instead: the
// average of a counter is a value it never showed. A transaction id survives when the bucket has
// one.
Result<std::int64_t> MeterRepository::fold(int from_resolution_s, int to_resolution_s,
                                           UnixMs before_ms) {
  const std::int64_t bucket_ms = std::int64_t{to_resolution_s} * 1000;
  const UnixMs cutoff =
      before_ms - (((before_ms % bucket_ms) + bucket_ms) % bucket_ms);  // whole buckets only
  auto insert = Statement::prepare(
      db_,
      "INSERT INTO meter_samples (charge_point_id, connector_id, transaction_id, measurand, phase, "
      "unit, "
      "resolution_s, at_ms, value_milli, count) "
      "SELECT charge_point_id, connector_id, max(transaction_id), measurand, phase, unit, ?2, "
      "(at_ms / ?3) * ?3 AS bucket, "
      "CASE WHEN measurand LIKE '%.Register' THEN max(value_milli) "
      "ELSE CAST(round(sum(value_milli * count) * 1.0 / sum(count)) AS INTEGER) END, sum(count) "
      "FROM meter_samples WHERE resolution_s = ?1 AND at_ms < ?4 "
      "GROUP BY charge_point_id, connector_id, measurand, phase, unit, bucket");
  if (!insert) return insert.error();
  insert->bind(1, std::int64_t{from_resolution_s})
      .bind(2, std::int64_t{to_resolution_s})
      .bind(3, bucket_ms)
      .bind(4, cutoff);
  if (auto done = insert->run(); !done) return done.error();
  auto remove =
      Statement::prepare(db_, "DELETE FROM meter_samples WHERE resolution_s = ?1 AND at_ms < ?2");
  if (!remove) return remove.error();
  remove->bind(1, std::int64_t{from_resolution_s}).bind(2, cutoff);
  return remove->run();
}

Result<DownsampleCounts> MeterRepository::downsample(UnixMs now_ms, const RetentionPolicy& policy) {
  return with_transaction(db_, [&]() -> Result<DownsampleCounts> {
    DownsampleCounts counts;
    auto raw = fold(0, 60, now_ms - ms(policy.full_resolution));
    if (!raw) return raw.error();
    counts.raw_folded = *raw;
    auto minute = fold(60, 900, now_ms - ms(policy.minute_resolution));
    if (!minute) return minute.error();
    counts.minute_folded = *minute;
    auto prune = Statement::prepare(
        db_, "DELETE FROM meter_samples WHERE resolution_s = 900 AND at_ms < ?1");
    if (!prune) return prune.error();
    prune->bind(1, now_ms - ms(policy.history));
    auto pruned = prune->run();
    if (!pruned) return pruned.error();
    counts.pruned = *pruned;
    return counts;
  });
}

}  // namespace csms::store
