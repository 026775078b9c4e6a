#include <spdlog/spdlog.h>

#include <string>

#include "db/migrate.hpp"
#include "db/statement.hpp"
#include "db/transaction.hpp"

namespace eo::db {

namespace {

Result<int> applied_version(Database& db) {
  auto statement =
      Statement::prepare(db, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  if (!statement) return statement.error();
  auto row = statement->step();
  if (!row) return row.error();
  return static_cast<int>(statement->column_int64(0));
}

Result<void> apply_one(Database& db, const Migration& migration) {
  return with_transaction(db, [&]() -> Result<void> {
    // Checked again under the write lock: another process may have migrated since we looked.
    auto current = applied_version(db);
    if (!current) return current.error();
    if (*current >= migration.version) return {};
    if (auto done = db.exec(migration.sql); !done) return done;
    auto insert = Statement::prepare(
        db,
        "INSERT INTO schema_migrations (version, description, applied_at_unix_s) "
        "VALUES (?1, ?2, CAST(strftime('%s', 'now') AS INTEGER))");
    if (!insert) return insert.error();
    insert->bind(1, std::int64_t{migration.version}).bind(2, migration.description);
    if (auto done = insert->run(); !done) return done.error();
    return {};
  });
}

}  // namespace

Result<int> apply_migrations(Database& db, std::span<const Migration> migrations) {
  for (std::size_t i = 0; i < migrations.size(); ++i) {
    if (migrations[i].version != static_cast<int>(i + 1)) {
      return make_error(ErrorKind::InvalidArgument, "migration list must be numbered 1..N: entry " +
                                                        std::to_string(i + 1) + " has version " +
                                                        std::to_string(migrations[i].version));
    }
  }
  // A no-op (and no write) on every open but the first.
  if (auto done = db.exec("CREATE TABLE IF NOT EXISTS schema_migrations ("
                          "version INTEGER PRIMARY KEY, description TEXT NOT NULL, "
                          "applied_at_unix_s INTEGER NOT NULL)");
      !done) {
    return done.error();
  }
  auto current = applied_version(db);
  if (!current) return current.error();
  const int known = static_cast<int>(migrations.size());
  if (*current > known) {
    return make_error(ErrorKind::SchemaTooNew,
                      "database '" + db.path() + "' has schema version " +
                          std::to_string(*current) + " but this build knows versions up to " +
                          std::to_string(known) +
                          ": it was written by a newer release; refusing to use it");
  }
  for (const auto& migration : migrations.subspan(static_cast<std::size_t>(*current))) {
    if (auto done = apply_one(db, migration); !done) {
      return Error{done.error().kind,
                   "migration " + std::to_string(migration.version) + " (" +
                       std::string(migration.description) + ") failed: " + done.error().message,
                   done.error().sqlite_code};
    }
    // Every test database is a fresh in-memory one: only a file's migration is news.
    spdlog::log(db.in_memory() ? spdlog::level::debug : spdlog::level::info,
                "store: database '{}' migrated to schema version {} ({})", db.path(),
                migration.version, migration.description);
  }
  return known;
}

}  // namespace eo::db
