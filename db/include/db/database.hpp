#pragma once
// One SQLite connection to a program's state file (the charge point's, csms-lite's), configured for
// an SD card that must survive both `kill -9` and power cuts, with the schema brought up to date by
// the program's numbered migrations.
//
// Threading: one Database and everything made from it belong to one thread (the event loop).
// Lifetime: statements, transactions and repositories keep a reference to the Database; create the
// Database first, do not move it while they exist, and let them go before it.
#include <chrono>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "db/result.hpp"

namespace eo::db {

// One step of the schema. Versions start at 1 and go up by one; a migration is never edited once
// released, only followed by a new one.
struct Migration {
  int version;
  std::string_view description;
  std::string_view sql;  // any number of statements, applied in one transaction
};

struct OpenOptions {
  // The program's schema, version 1 first (chargepoint/store/migrations.hpp, csms-lite/store/...).
  // Empty: only the schema_migrations bookkeeping table.
  std::span<const Migration> migrations;
  // How long a statement waits for a lock held by another connection (a CLI reading the file).
  std::chrono::milliseconds busy_timeout{5000};
  // PRAGMA quick_check at open: reads the whole file once (a few hundred KiB; reads do not wear the
  // card) so that a damaged page is found at start-up rather than in the middle of a transaction.
  bool integrity_check = true;
  // synchronous=FULL instead of NORMAL: one fsync per commit in exchange for not losing the last
  // commits to a power cut. See database.cpp for what NORMAL risks.
  bool synchronous_full = false;
  // locking_mode=EXCLUSIVE: the one process that uses the file keeps the WAL index in its own
  // memory instead of a shared -shm file whose pages are written back on every commit (SD card).
  // Nothing else can open the file while it is open (the daemon is its only user).
  bool exclusive = false;
};

class Database {
 public:
  struct Impl;

  // Opens (creating it if missing) the file at `path`, or a private in-memory database for
  // ":memory:", and applies the pending migrations. Errors name the file: CantOpen, Corrupt (the
  // daemon may then call move_aside_and_recreate), SchemaTooNew, Io, Busy, ...
  static Result<Database> open(const std::string& path, const OpenOptions& options = {});
  static Result<Database> open_in_memory(const OpenOptions& options = {});

  // For a file that open() reported Corrupt: renames it (and its -wal) to
  // "<path>.corrupt-<UTC yyyymmddThhmmssZ>[-n]", drops its -shm, and opens a fresh database at
  // `path`. Logs at critical level, because what was stored is gone from the program's view (it
  // stays in the renamed file for a person to recover). No connection to `path` may be open.
  struct Recreated;
  static Result<Recreated> move_aside_and_recreate(const std::string& path,
                                                   std::chrono::system_clock::time_point now,
                                                   const OpenOptions& options = {});

  Database(Database&&) noexcept;
  Database& operator=(Database&&) noexcept;
  ~Database();

  const std::string& path() const;
  bool in_memory() const;
  int schema_version() const;  // the highest migration applied

  // Runs SQL that returns no rows (PRAGMAs, maintenance). Counted in writes() when it changes rows.
  Result<void> exec(std::string_view sql);

  // Write accounting for the SD-card budget: statements that changed at least one row, counted when
  // their transaction commits (rolled-back ones are not), and commits that wrote anything. Each
  // commit appends the changed pages to the WAL; a statement that changes nothing writes nothing.
  std::uint64_t writes() const;
  std::uint64_t commits() const;
  // Prepared statements kept for reuse (at most 64): for tests and diagnostics.
  std::size_t idle_statements() const;

 private:
  friend class Statement;
  friend class Transaction;
  explicit Database(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

struct Database::Recreated {
  Database database;
  std::string moved_to;  // where the unusable file went
};

}  // namespace eo::db
