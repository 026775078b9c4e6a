#include "store/charging_profile_repository.hpp"

#include "store/sqlite.hpp"

namespace chargepoint::store {

Result<std::vector<ChargingProfileRow>> ChargingProfileRepository::all() {
  auto statement = Statement::prepare(db_,
                                      "SELECT profile_id, connector_id, profile, received_unix_ms "
                                      "FROM charging_profiles ORDER BY profile_id");
  if (!statement) return statement.error();
  std::vector<ChargingProfileRow> rows;
  for (;;) {
    auto row = statement->step();
    if (!row) return row.error();
    if (!*row) break;
    rows.push_back({static_cast<int>(statement->column_int64(0)),
                    static_cast<int>(statement->column_int64(1)), statement->column_text(2),
                    statement->column_int64(3)});
  }
  return rows;
}

Result<void> ChargingProfileRepository::put(const ChargingProfileRow& row) {
  if (row.connector_id < 0) {
    return make_error(ErrorKind::InvalidArgument,
                      "connector id must be 0 or more, got " + std::to_string(row.connector_id));
  }
  auto statement = Statement::prepare(
      db_,
      "INSERT INTO charging_profiles (profile_id, connector_id, profile, received_unix_ms) "
      "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (profile_id) DO UPDATE SET "
      "connector_id = excluded.connector_id, profile = excluded.profile, "
      "received_unix_ms = excluded.received_unix_ms");
  if (!statement) return statement.error();
  statement->bind(1, std::int64_t{row.profile_id})
      .bind(2, std::int64_t{row.connector_id})
      .bind(3, row.profile_json)
      .bind(4, row.received_unix_ms);
  auto done = statement->run();
  if (!done) return done.error();
  return {};
}

Result<bool> ChargingProfileRepository::remove(int profile_id) {
  auto statement = Statement::prepare(db_, "DELETE FROM charging_profiles WHERE profile_id = ?1");
  if (!statement) return statement.error();
  statement->bind(1, std::int64_t{profile_id});
  auto changed = statement->run();
  if (!changed) return changed.error();
  return *changed > 0;
}

}  // namespace chargepoint::store
