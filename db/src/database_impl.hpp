#pragma once
// Private to db/src: the only header that includes sqlite3.h.
#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

#include "db/database.hpp"

namespace eo::db {

ErrorKind kind_of_sqlite_code(int code);

// Error messages quote a statement shortened to its first characters: enough to find it.
std::string short_sql(std::string_view sql);

struct Database::Impl {
  sqlite3* db = nullptr;
  std::string path;
  int schema_version = 0;
  int depth = 0;                     // open Transaction objects, outermost = 1
  std::uint64_t writes_pending = 0;  // row-changing statements in the open transaction
  std::uint64_t writes_committed = 0;
  std::uint64_t commits = 0;
  // Finished statements kept for their next use, by their SQL text: the repositories prepare the
  // same few statements over and over, and compiling SQL was a quarter of csms-lite's CPU when
  // thousands of charge points reconnect. Bounded, because some SQL is built per query.
  static constexpr std::size_t kMaxIdleStatements = 64;
  std::unordered_map<std::string, sqlite3_stmt*> idle_statements;

  Impl() = default;
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;
  ~Impl();

  // "<path>: <what>: <SQLite's message> (<code name>)"
  Error error(int code, std::string_view what) const;

  // Called after a statement that changed rows has finished.
  void note_write();
  // True when SQLite rolled our open transaction back by itself (it does so on some FULL, IOERR
  // and NOMEM errors); statements must then not run, or they would autocommit one by one.
  bool transaction_lost() const { return depth > 0 && sqlite3_get_autocommit(db) != 0; }
  // sqlite3_exec with the error mapped.
  Result<void> exec(const std::string& sql, std::string_view what);
};

}  // namespace eo::db
