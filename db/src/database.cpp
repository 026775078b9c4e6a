#include "db/database.hpp"

#include <spdlog/spdlog.h>

#include <cstring>
#include <utility>

#include "database_impl.hpp"
#include "db/migrate.hpp"
#include "db/statement.hpp"

namespace eo::db {

namespace {

// Pragmas are read back, not trusted: journal_mode answers with the mode it actually chose.
Result<std::string> pragma_text(Database& db, const std::string& sql) {
  auto statement = Statement::prepare(db, sql);
  if (!statement) return statement.error();
  auto row = statement->step();
  if (!row) return row.error();
  if (!*row) return std::string{};
  return statement->column_text(0);
}

Result<void> configure(Database& db, const OpenOptions& options) {
  // 1 KiB pages for a new file (an existing one keeps its size): every commit here changes a row or
  // two, and a commit writes whole pages to the WAL and again at the checkpoint, so small pages
  // mean a quarter of the SD-card writes of the 4 KiB default.
  if (auto done = db.exec("PRAGMA page_size=1024"); !done) return done;
  // Before the switch to WAL: in exclusive mode SQLite keeps the WAL index in heap memory.
  if (options.exclusive) {
    if (auto done = db.exec("PRAGMA locking_mode=EXCLUSIVE"); !done) return done;
  }
  auto mode = pragma_text(db, "PRAGMA journal_mode=WAL");
  if (!mode) return mode.error();
  // An in-memory database answers "memory"; a file on a filesystem without shared-memory support
  // stays in its rollback journal, which is just as crash-safe, only slower.
  if (*mode != "wal" && !db.in_memory()) {
    spdlog::warn("store: database '{}' stays in journal_mode={} (WAL unavailable)", db.path(),
                 *mode);
  }
  // With WAL, NORMAL syncs the log at checkpoints only. A commit sits in the kernel's page cache
  // when COMMIT returns, so killing the process (kill -9, a crash, the OOM killer) loses nothing:
  // the kernel still writes it out and the next open replays the WAL. What NORMAL risks is a power
  // cut or kernel crash: the commits since the last sync can roll back (the file stays consistent,
  // at an earlier committed state — never half-written). synchronous_full trades one fsync per
  // commit for closing that window.
  const char* sync_sql =
      options.synchronous_full ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL";
  if (auto done = db.exec(sync_sql); !done) return done;
  if (auto done = db.exec("PRAGMA foreign_keys=ON"); !done) return done;
  // Sorts and temporary indexes stay in RAM instead of temporary files on the card.
  if (auto done = db.exec("PRAGMA temp_store=MEMORY"); !done) return done;
  auto foreign_keys = pragma_text(db, "PRAGMA foreign_keys");
  if (!foreign_keys) return foreign_keys.error();
  if (*foreign_keys != "1") {
    return make_error(ErrorKind::Internal,
                      "database '" + db.path() + "': this SQLite cannot enforce foreign keys");
  }
  return {};
}

Result<void> check_integrity(Database& db) {
  auto statement = Statement::prepare(db, "PRAGMA quick_check(5)");
  if (!statement) return statement.error();
  std::string problems;
  for (;;) {
    auto row = statement->step();
    if (!row) return row.error();
    if (!*row) break;
    auto line = statement->column_text(0);
    if (line == "ok") return {};
    problems += (problems.empty() ? "" : "; ") + line;
  }
  return make_error(ErrorKind::Corrupt,
                    "database '" + db.path() + "' is corrupt (quick_check: " + problems + ")");
}

}  // namespace

std::string_view to_string(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::Busy:
      return "Busy";
    case ErrorKind::Full:
      return "Full";
    case ErrorKind::Io:
      return "Io";
    case ErrorKind::Corrupt:
      return "Corrupt";
    case ErrorKind::CantOpen:
      return "CantOpen";
    case ErrorKind::ReadOnly:
      return "ReadOnly";
    case ErrorKind::SchemaTooNew:
      return "SchemaTooNew";
    case ErrorKind::Constraint:
      return "Constraint";
    case ErrorKind::InvalidArgument:
      return "InvalidArgument";
    case ErrorKind::NotFound:
      return "NotFound";
    case ErrorKind::InvalidState:
      return "InvalidState";
    case ErrorKind::Internal:
      return "Internal";
  }
  return "Unknown";
}

ErrorKind kind_of_sqlite_code(int code) {
  switch (code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return ErrorKind::Busy;
    case SQLITE_FULL:
      return ErrorKind::Full;
    case SQLITE_IOERR:
      return ErrorKind::Io;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return ErrorKind::Corrupt;
    case SQLITE_CANTOPEN:
      return ErrorKind::CantOpen;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return ErrorKind::ReadOnly;
    case SQLITE_CONSTRAINT:
      return ErrorKind::Constraint;
    default:
      return ErrorKind::Internal;
  }
}

Database::Impl::~Impl() {
  for (auto& [sql, statement] : idle_statements) sqlite3_finalize(statement);
  // close_v2 defers the close until the last statement is finalized instead of failing.
  if (db != nullptr) sqlite3_close_v2(db);
}

Error Database::Impl::error(int code, std::string_view what) const {
  std::string message = "database '" + path + "': " + std::string(what) + ": ";
  message += db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(code);
  const auto kind = kind_of_sqlite_code(code);
  // For file errors the operating system's reason ("No such file or directory") is the useful part.
  if ((kind == ErrorKind::CantOpen || kind == ErrorKind::Io) && db != nullptr) {
    if (const int system_errno = sqlite3_system_errno(db); system_errno != 0) {
      message += std::string(" [") + std::strerror(system_errno) + "]";
    }
  }
  message += " (SQLite code " + std::to_string(code) + ")";
  return Error{kind, std::move(message), code};
}

void Database::Impl::note_write() {
  if (depth > 0) {
    ++writes_pending;
  } else {
    ++writes_committed;  // autocommit: the statement was its own transaction
    ++commits;
  }
}

Result<void> Database::Impl::exec(const std::string& sql, std::string_view what) {
  if (transaction_lost()) {
    return make_error(ErrorKind::InvalidState,
                      "database '" + path + "': " + std::string(what) +
                          ": the enclosing transaction was rolled back after an earlier error");
  }
  const auto changes_before = sqlite3_total_changes64(db);
  const int code = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
  if (code != SQLITE_OK) return error(code, what);
  if (sqlite3_total_changes64(db) != changes_before) note_write();
  return {};
}

Database::Database(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Database::Database(Database&&) noexcept = default;
Database& Database::operator=(Database&&) noexcept = default;
Database::~Database() = default;

const std::string& Database::path() const {
  return impl_->path;
}
bool Database::in_memory() const {
  return impl_->path == ":memory:";
}
int Database::schema_version() const {
  return impl_->schema_version;
}
std::uint64_t Database::writes() const {
  return impl_->writes_committed;
}
std::uint64_t Database::commits() const {
  return impl_->commits;
}

std::size_t Database::idle_statements() const {
  return impl_->idle_statements.size();
}

Result<void> Database::exec(std::string_view sql) {
  return impl_->exec(std::string(sql), short_sql(sql));
}

Result<Database> Database::open_in_memory(const OpenOptions& options) {
  return open(":memory:", options);
}

Result<Database> Database::open(const std::string& path, const OpenOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  // NOMUTEX: a connection is used by one thread only. EXRESCODE: extended codes in every answer.
  const int flags =
      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  if (const int code = sqlite3_open_v2(path.c_str(), &impl->db, flags, nullptr);
      code != SQLITE_OK) {
    return impl->error(code, "cannot open");
  }
  sqlite3_busy_timeout(impl->db, static_cast<int>(options.busy_timeout.count()));

  // SQLite quietly falls back to read-only when it may not write the file; the daemon would then
  // fail at its first transaction instead of at start-up.
  if (sqlite3_db_readonly(impl->db, "main") == 1) {
    return make_error(ErrorKind::ReadOnly,
                      "database '" + path + "' can only be opened read-only (check permissions)");
  }
  Database db(std::move(impl));
  auto checked = configure(db, options);
  if (checked && options.integrity_check) checked = check_integrity(db);
  if (!checked) {
    auto error = checked.error();
    if (error.kind == ErrorKind::Corrupt && error.sqlite_code != 0) {
      error.message =
          "database '" + path + "' is corrupt or not an SQLite database (" + error.message + ")";
    }
    return error;
  }
  auto version = apply_migrations(db, options.migrations);
  if (!version) return version.error();
  db.impl_->schema_version = *version;
  return db;
}

}  // namespace eo::db
