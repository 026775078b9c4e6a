#include "auth/auth_store.hpp"

#include <functional>

#include "db/statement.hpp"

namespace csms::auth {

using eo::db::Statement;

namespace {

Result<std::int64_t> run(eo::db::Database& db, std::string_view sql,
                         const std::function<void(Statement&)>& bind) {
  auto statement = Statement::prepare(db, sql);
  if (!statement) return statement.error();
  bind(*statement);
  return statement->run();
}

Result<void> run_void(eo::db::Database& db, std::string_view sql,
                      const std::function<void(Statement&)>& bind) {
  auto changed = run(db, sql, bind);
  if (!changed) return changed.error();
  return {};
}

}  // namespace

// --- users ---

Result<std::int64_t> UserRepository::count() {
  auto statement = Statement::prepare(db_, "SELECT count(*) FROM auth_users");
  if (!statement) return statement.error();
  auto row = statement->step();
  if (!row) return row.error();
  return statement->column_int64(0);
}

Result<std::optional<UserRecord>> UserRepository::find_where(std::string_view where,
                                                             std::int64_t id,
                                                             std::string_view name) {
  auto statement = Statement::prepare(
      db_, std::string("SELECT id, name, password_hash, created_at, password_changed_at "
                       "FROM auth_users WHERE ") +
               std::string(where));
  if (!statement) return statement.error();
  if (where.find("?1") != std::string_view::npos) statement->bind(1, id);
  if (where.find("?2") != std::string_view::npos) statement->bind(2, name);
  auto row = statement->step();
  if (!row) return row.error();
  if (!*row) return std::optional<UserRecord>{};
  return std::optional<UserRecord>{UserRecord{statement->column_int64(0), statement->column_text(1),
                                              statement->column_text(2), statement->column_int64(3),
                                              statement->column_int64(4)}};
}

Result<std::optional<UserRecord>> UserRepository::find_by_name(std::string_view name) {
  return find_where("name = ?2", 0, name);
}

Result<std::optional<UserRecord>> UserRepository::find(std::int64_t id) {
  return find_where("id = ?1", id, {});
}

Result<std::int64_t> UserRepository::create(std::string_view name, std::string_view password_hash,
                                            std::int64_t now_s) {
  auto statement = Statement::prepare(
      db_,
      "INSERT INTO auth_users (name, password_hash, created_at, password_changed_at) "
      "VALUES (?1, ?2, ?3, ?3) RETURNING id");
  if (!statement) return statement.error();
  statement->bind(1, name).bind(2, password_hash).bind(3, now_s);
  auto row = statement->step();
  if (!row) return row.error();
  const auto id = statement->column_int64(0);
  auto done = statement->run();
  if (!done) return done.error();
  return id;
}

Result<void> UserRepository::set_password(std::int64_t id, std::string_view password_hash,
                                          std::int64_t now_s) {
  return run_void(db_,
                  "UPDATE auth_users SET password_hash = ?2, password_changed_at = ?3 "
                  "WHERE id = ?1",
                  [&](Statement& s) { s.bind(1, id).bind(2, password_hash).bind(3, now_s); });
}

// --- sessions ---

Result<void> SessionRepository::insert(const SessionRecord& session) {
  return run_void(db_,
                  "INSERT INTO auth_sessions (id_hash, user_id, csrf_token, created_at, "
                  "last_seen_at, remote_address) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                  [&](Statement& s) {
                    s.bind(1, session.id_hash)
                        .bind(2, session.user_id)
                        .bind(3, session.csrf_token)
                        .bind(4, session.created_at_s)
                        .bind(5, session.last_seen_at_s)
                        .bind(6, session.remote_address);
                  });
}

Result<std::optional<SessionRecord>> SessionRepository::find(std::string_view id_hash) {
  auto statement = Statement::prepare(
      db_,
      "SELECT id_hash, user_id, csrf_token, created_at, last_seen_at, remote_address "
      "FROM auth_sessions WHERE id_hash = ?1");
  if (!statement) return statement.error();
  statement->bind(1, id_hash);
  auto row = statement->step();
  if (!row) return row.error();
  if (!*row) return std::optional<SessionRecord>{};
  return std::optional<SessionRecord>{SessionRecord{
      statement->column_text(0), statement->column_int64(1), statement->column_text(2),
      statement->column_int64(3), statement->column_int64(4), statement->column_text(5)}};
}

Result<void> SessionRepository::touch(std::string_view id_hash, std::int64_t now_s) {
  return run_void(db_, "UPDATE auth_sessions SET last_seen_at = ?2 WHERE id_hash = ?1",
                  [&](Statement& s) { s.bind(1, id_hash).bind(2, now_s); });
}

Result<bool> SessionRepository::erase(std::string_view id_hash) {
  auto changed = run(db_, "DELETE FROM auth_sessions WHERE id_hash = ?1",
                     [&](Statement& s) { s.bind(1, id_hash); });
  if (!changed) return changed.error();
  return *changed > 0;
}

Result<std::int64_t> SessionRepository::erase_for_user(std::int64_t user_id,
                                                       std::string_view keep_id_hash) {
  return run(db_, "DELETE FROM auth_sessions WHERE user_id = ?1 AND id_hash != ?2",
             [&](Statement& s) { s.bind(1, user_id).bind(2, keep_id_hash); });
}

Result<std::int64_t> SessionRepository::erase_expired(std::int64_t idle_before_s,
                                                      std::int64_t created_before_s) {
  return run(db_, "DELETE FROM auth_sessions WHERE last_seen_at < ?1 OR created_at < ?2",
             [&](Statement& s) { s.bind(1, idle_before_s).bind(2, created_before_s); });
}

// --- API tokens ---

Result<std::int64_t> ApiTokenRepository::insert(std::int64_t user_id, std::string_view name,
                                                std::string_view token_hash,
                                                std::string_view prefix, std::int64_t now_s) {
  auto statement = Statement::prepare(
      db_,
      "INSERT INTO auth_api_tokens (user_id, name, token_hash, prefix, created_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id");
  if (!statement) return statement.error();
  statement->bind(1, user_id).bind(2, name).bind(3, token_hash).bind(4, prefix).bind(5, now_s);
  auto row = statement->step();
  if (!row) return row.error();
  const auto id = statement->column_int64(0);
  auto done = statement->run();
  if (!done) return done.error();
  return id;
}

namespace {
constexpr std::string_view token_columns =
    "SELECT id, user_id, name, prefix, created_at, last_used_at FROM auth_api_tokens ";

ApiTokenRecord token_from(const Statement& s) {
  return ApiTokenRecord{s.column_int64(0), s.column_int64(1), s.column_text(2),
                        s.column_text(3),  s.column_int64(4), s.column_optional_int64(5)};
}
}  // namespace

Result<std::vector<ApiTokenRecord>> ApiTokenRepository::list(std::int64_t user_id) {
  auto statement =
      Statement::prepare(db_, std::string(token_columns) + "WHERE user_id = ?1 ORDER BY id");
  if (!statement) return statement.error();
  statement->bind(1, user_id);
  std::vector<ApiTokenRecord> tokens;
  for (;;) {
    auto row = statement->step();
    if (!row) return row.error();
    if (!*row) return tokens;
    tokens.push_back(token_from(*statement));
  }
}

Result<std::optional<ApiTokenRecord>> ApiTokenRepository::find_by_hash(
    std::string_view token_hash) {
  auto statement = Statement::prepare(db_, std::string(token_columns) + "WHERE token_hash = ?1");
  if (!statement) return statement.error();
  statement->bind(1, token_hash);
  auto row = statement->step();
  if (!row) return row.error();
  if (!*row) return std::optional<ApiTokenRecord>{};
  return std::optional<ApiTokenRecord>{token_from(*statement)};
}

Result<void> ApiTokenRepository::touch(std::int64_t id, std::int64_t now_s) {
  return run_void(db_, "UPDATE auth_api_tokens SET last_used_at = ?2 WHERE id = ?1",
                  [&](Statement& s) { s.bind(1, id).bind(2, now_s); });
}

Result<bool> ApiTokenRepository::erase(std::int64_t user_id, std::int64_t id) {
  auto changed = run(db_, "DELETE FROM auth_api_tokens WHERE user_id = ?1 AND id = ?2",
                     [&](Statement& s) { s.bind(1, user_id).bind(2, id); });
  if (!changed) return changed.error();
  return *changed > 0;
}

}  // namespace csms::auth
