#pragma once
// Shared by csms-lite's store and feature tests: a real in-memory (or temp-file) database with
// csms-lite's schema, manual timers and a manual clock.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>

#include "common/clock.hpp"
#include "common/manual_timers.hpp"
#include "store/migrations.hpp"
#include "store/store.hpp"

namespace csms_test {

using namespace std::chrono_literals;

// 2026-11-22T06:00:00Z
inline const common::WallTime k_start = common::WallTime(std::chrono::seconds(1795327200));

inline csms::store::Database open_db(const std::string& path = ":memory:") {
  auto db = path == ":memory:"
                ? csms::store::Database::open_in_memory(csms::store::csms_open_options())
                : csms::store::Database::open(path, csms::store::csms_open_options());
  if (!db) throw std::runtime_error("opening " + path + ": " + db.error().message);
  return std::move(*db);
}

inline std::int64_t ms_at(common::WallTime time) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count();
}

// The first column of the first row as int64 (-1 when there is no row); fails the test on error.
inline std::int64_t query_int(csms::store::Database& db, const std::string& sql) {
  auto statement = csms::store::Statement::prepare(db, sql);
  if (!statement) {
    ADD_FAILURE() << statement.error().message;
    return -1;
  }
  auto row = statement->step();
  if (!row || !*row) return -1;
  return statement->column_int64(0);
}

struct World {
  explicit World(const std::string& path = ":memory:", csms::store::BatchOptions batch = {})
      : db(open_db(path)),
        clock(timers, k_start),
        store(std::make_unique<csms::store::Store>(db, timers, batch)) {}

  csms::store::Database db;
  common::ManualTimers timers;
  common::ManualClock clock;
  std::unique_ptr<csms::store::Store> store;
};

}  // namespace csms_test
