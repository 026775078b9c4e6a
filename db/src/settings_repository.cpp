#include "db/settings_repository.hpp"

#include "db/statement.hpp"

namespace eo::db {

namespace {

Result<void> check_key(std::string_view key) {
  if (key.empty() || key.size() > SettingsRepository::kMaxKeyBytes) {
    return make_error(ErrorKind::InvalidArgument,
                      "setting key must be 1 to " +
                          std::to_string(SettingsRepository::kMaxKeyBytes) + " bytes, got " +
                          std::to_string(key.size()));
  }
  return {};
}

}  // namespace

Result<std::optional<std::string>> SettingsRepository::get(std::string_view key) {
  if (auto valid = check_key(key); !valid) return valid.error();
  auto statement = Statement::prepare(db_, "SELECT value FROM settings WHERE key = ?1");
  if (!statement) return statement.error();
  statement->bind(1, key);
  auto row = statement->step();
  if (!row) return row.error();
  if (!*row) return std::optional<std::string>{};
  return std::optional<std::string>{statement->column_text(0)};
}

Result<std::map<std::string, std::string>> SettingsRepository::all() {
  auto statement = Statement::prepare(db_, "SELECT key, value FROM settings ORDER BY key");
  if (!statement) return statement.error();
  std::map<std::string, std::string> settings;
  for (;;) {
    auto row = statement->step();
    if (!row) return row.error();
    if (!*row) break;
    settings.emplace(statement->column_text(0), statement->column_text(1));
  }
  return settings;
}

Result<bool> SettingsRepository::put(std::string_view key, std::string_view value) {
  if (auto valid = check_key(key); !valid) return valid.error();
  if (value.size() > kMaxValueBytes) {
    return make_error(ErrorKind::InvalidArgument, "value of setting '" + std::string(key) +
                                                      "' is " + std::to_string(value.size()) +
                                                      " bytes, more than " +
                                                      std::to_string(kMaxValueBytes));
  }
  // The WHERE makes an unchanged value a no-op inside SQLite: no page is dirtied, nothing reaches
  // the WAL, and the change count tells us which case happened.
  auto statement = Statement::prepare(db_,
                                      "INSERT INTO settings (key, value) VALUES (?1, ?2) "
                                      "ON CONFLICT (key) DO UPDATE SET value = excluded.value "
                                      "WHERE value IS NOT excluded.value");
  if (!statement) return statement.error();
  statement->bind(1, key).bind(2, value);
  auto changed = statement->run();
  if (!changed) return changed.error();
  return *changed > 0;
}

Result<bool> SettingsRepository::erase(std::string_view key) {
  if (auto valid = check_key(key); !valid) return valid.error();
  auto statement = Statement::prepare(db_, "DELETE FROM settings WHERE key = ?1");
  if (!statement) return statement.error();
  statement->bind(1, key);
  auto changed = statement->run();
  if (!changed) return changed.error();
  return *changed > 0;
}

}  // namespace eo::db
