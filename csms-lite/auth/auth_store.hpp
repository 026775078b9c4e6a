#pragma once
// Repositories for users, sessions and API tokens on the shared SQLite layer (db/). Plain storage:
// the rules (expiry, throttling, hashing) live in AuthService.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.hpp"
#include "db/result.hpp"

namespace csms::auth {

template <class T>
using Result = eo::db::Result<T>;

struct UserRecord {
  std::int64_t id;
  std::string name;
  std::string password_hash;
  std::int64_t created_at_s;
  std::int64_t password_changed_at_s;
};

class UserRepository {
 public:
  explicit UserRepository(eo::db::Database& db) : db_(db) {}
  Result<std::int64_t> count();
  Result<std::optional<UserRecord>> find_by_name(std::string_view name);
  Result<std::optional<UserRecord>> find(std::int64_t id);
  // Constraint when the name is taken.
  Result<std::int64_t> create(std::string_view name, std::string_view password_hash,
                              std::int64_t now_s);
  Result<void> set_password(std::int64_t id, std::string_view password_hash, std::int64_t now_s);

 private:
  Result<std::optional<UserRecord>> find_where(std::string_view where, std::int64_t id,
                                               std::string_view name);
  eo::db::Database& db_;
};

struct SessionRecord {
  std::string id_hash;
  std::int64_t user_id;
  std::string csrf_token;
  std::int64_t created_at_s;
  std::int64_t last_seen_at_s;
  std::string remote_address;
};

class SessionRepository {
 public:
  explicit SessionRepository(eo::db::Database& db) : db_(db) {}
  Result<void> insert(const SessionRecord& session);
  Result<std::optional<SessionRecord>> find(std::string_view id_hash);
  Result<void> touch(std::string_view id_hash, std::int64_t now_s);
  Result<bool> erase(std::string_view id_hash);
  // Every session of the user but `keep_id_hash` (empty: all of them). Returns how many went.
  Result<std::int64_t> erase_for_user(std::int64_t user_id, std::string_view keep_id_hash);
  // Sessions idle since before `idle_before_s` or created before `created_before_s`.
  Result<std::int64_t> erase_expired(std::int64_t idle_before_s, std::int64_t created_before_s);

 private:
  eo::db::Database& db_;
};

struct ApiTokenRecord {
  std::int64_t id;
  std::int64_t user_id;
  std::string name;
  std::string prefix;
  std::int64_t created_at_s;
  std::optional<std::int64_t> last_used_at_s;
};

class ApiTokenRepository {
 public:
  explicit ApiTokenRepository(eo::db::Database& db) : db_(db) {}
  Result<std::int64_t> insert(std::int64_t user_id, std::string_view name,
                              std::string_view token_hash, std::string_view prefix,
                              std::int64_t now_s);
  Result<std::vector<ApiTokenRecord>> list(std::int64_t user_id);
  Result<std::optional<ApiTokenRecord>> find_by_hash(std::string_view token_hash);
  Result<void> touch(std::int64_t id, std::int64_t now_s);
  // false when the user has no token with this id.
  Result<bool> erase(std::int64_t user_id, std::int64_t id);

 private:
  eo::db::Database& db_;
};

}  // namespace csms::auth
