#include "store/auth_cache_repository.hpp"

#include "store/sqlite.hpp"

namespace chargepoint::store {

namespace {

Result<void> check_id_tag(std::string_view id_tag, std::string_view what) {
  if (id_tag.empty() || id_tag.size() > AuthCacheRepository::kMaxIdTagBytes) {
    return make_error(ErrorKind::InvalidArgument, std::string(what) +
                                                      " must be 1 to 20 characters, got '" +
                                                      std::string(id_tag.substr(0, 40)) + "' (" +
                                                      std::to_string(id_tag.size()) + " bytes)");
  }
  return {};
}

// The next use_seq: one past the highest, so the newest use always sorts last.
constexpr std::string_view kNextUse = "(SELECT COALESCE(MAX(use_seq), 0) + 1 FROM auth_cache)";

}  // namespace

Result<std::size_t> AuthCacheRepository::upsert(const AuthCacheEntry& entry) {
  if (auto valid = check_id_tag(entry.id_tag, "idTag"); !valid) return valid.error();
  if (entry.parent_id_tag) {
    if (auto valid = check_id_tag(*entry.parent_id_tag, "parentIdTag"); !valid) {
      return valid.error();
    }
  }
  if (entry.status.empty()) {
    return make_error(ErrorKind::InvalidArgument,
                      "auth cache status of '" + entry.id_tag + "' is empty");
  }
  return with_transaction(db_, [&]() -> Result<std::size_t> {
    auto insert =
        Statement::prepare(db_,
                           "INSERT INTO auth_cache (id_tag, status, expiry_unix_s, parent_id_tag, "
                           "last_used_unix_ms, use_seq) VALUES (?1, ?2, ?3, ?4, ?5, " +
                               std::string(kNextUse) +
                               ") ON CONFLICT (id_tag) DO UPDATE SET id_tag = excluded.id_tag, "
                               "status = excluded.status, expiry_unix_s = excluded.expiry_unix_s, "
                               "parent_id_tag = excluded.parent_id_tag, last_used_unix_ms = "
                               "excluded.last_used_unix_ms, use_seq = excluded.use_seq");
    if (!insert) return insert.error();
    insert->bind(1, entry.id_tag)
        .bind(2, entry.status)
        .bind(3, entry.expiry_unix_s)
        .bind(4, entry.parent_id_tag)
        .bind(5, entry.last_used_unix_ms);
    if (auto done = insert->run(); !done) return done.error();

    // LIMIT -1 OFFSET n: every row after the n most recently used.
    auto evict = Statement::prepare(db_,
                                    "DELETE FROM auth_cache WHERE id_tag IN (SELECT id_tag FROM "
                                    "auth_cache ORDER BY use_seq DESC LIMIT -1 OFFSET ?1)");
    if (!evict) return evict.error();
    evict->bind(1, static_cast<std::int64_t>(capacity_));
    auto evicted = evict->run();
    if (!evicted) return evicted.error();
    return static_cast<std::size_t>(*evicted);
  });
}

Result<std::optional<AuthCacheEntry>> AuthCacheRepository::find(std::string_view id_tag) {
  if (auto valid = check_id_tag(id_tag, "idTag"); !valid) return valid.error();
  auto statement = Statement::prepare(db_,
                                      "SELECT id_tag, status, expiry_unix_s, parent_id_tag, "
                                      "last_used_unix_ms FROM auth_cache WHERE id_tag = ?1");
  if (!statement) return statement.error();
  statement->bind(1, id_tag);
  auto row = statement->step();
  if (!row) return row.error();
  if (!*row) return std::optional<AuthCacheEntry>{};
  return std::optional<AuthCacheEntry>{AuthCacheEntry{
      statement->column_text(0),
      statement->column_text(1),
      statement->column_optional_int64(2),
      statement->column_optional_text(3),
      statement->column_int64(4),
  }};
}

Result<bool> AuthCacheRepository::touch(std::string_view id_tag, std::int64_t now_unix_ms) {
  if (auto valid = check_id_tag(id_tag, "idTag"); !valid) return valid.error();
  auto statement = Statement::prepare(
      db_, "UPDATE auth_cache SET last_used_unix_ms = ?2, use_seq = " + std::string(kNextUse) +
               " WHERE id_tag = ?1");
  if (!statement) return statement.error();
  statement->bind(1, id_tag).bind(2, now_unix_ms);
  auto changed = statement->run();
  if (!changed) return changed.error();
  return *changed > 0;
}

Result<bool> AuthCacheRepository::erase(std::string_view id_tag) {
  if (auto valid = check_id_tag(id_tag, "idTag"); !valid) return valid.error();
  auto statement = Statement::prepare(db_, "DELETE FROM auth_cache WHERE id_tag = ?1");
  if (!statement) return statement.error();
  statement->bind(1, id_tag);
  auto changed = statement->run();
  if (!changed) return changed.error();
  return *changed > 0;
}

Result<void> AuthCacheRepository::clear() {
  auto statement = Statement::prepare(db_, "DELETE FROM auth_cache");
  if (!statement) return statement.error();
  if (auto done = statement->run(); !done) return done.error();
  return {};
}

Result<std::size_t> AuthCacheRepository::size() {
  auto statement = Statement::prepare(db_, "SELECT COUNT(*) FROM auth_cache");
  if (!statement) return statement.error();
  auto row = statement->step();
  if (!row) return row.error();
  return static_cast<std::size_t>(statement->column_int64(0));
}

}  // namespace chargepoint::store
