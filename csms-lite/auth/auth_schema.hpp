#pragma once
// The tables authentication keeps: migration 2 of csms-lite's schema (csms-lite/store/migrations.cpp);
// the auth tests apply it as migration 1 of their own list.
// Times are Unix seconds (UTC). Secrets are stored only as hashes: a copied database file gives
// neither a password, nor a live session, nor a usable API token.
#include <string_view>

namespace csms::auth {

inline constexpr std::string_view auth_schema_sql = R"sql(
CREATE TABLE auth_users (
  id                  INTEGER PRIMARY KEY,
  name                TEXT NOT NULL UNIQUE,
  password_hash       TEXT NOT NULL,      -- "$scrypt$ln=..,r=..,p=..$salt$hash"
  created_at          INTEGER NOT NULL,
  password_changed_at INTEGER NOT NULL
);
CREATE TABLE auth_sessions (
  id_hash        TEXT PRIMARY KEY,        -- SHA-256 of the cookie value
  user_id        INTEGER NOT NULL REFERENCES auth_users (id) ON DELETE CASCADE,
  csrf_token     TEXT NOT NULL,
  created_at     INTEGER NOT NULL,
  last_seen_at   INTEGER NOT NULL,        -- written at most once a minute (SD card)
  remote_address TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX auth_sessions_by_user ON auth_sessions (user_id);
CREATE TABLE auth_api_tokens (
  id           INTEGER PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES auth_users (id) ON DELETE CASCADE,
  name         TEXT NOT NULL,
  token_hash   TEXT NOT NULL UNIQUE,      -- SHA-256 of the token
  prefix       TEXT NOT NULL,             -- its first characters, to recognise it in a list
  created_at   INTEGER NOT NULL,
  last_used_at INTEGER                    -- written at most once a minute
);
)sql";

}  // namespace csms::auth
