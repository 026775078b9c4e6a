#pragma once
// Who may use the API. No default password: until an admin exists there is a one-time setup code
// (logged as a link at start) that sets the admin password. Browsers then log in for a server-side
// session (cookie + per-session CSRF token); scripts use long-lived API tokens (Bearer). Secrets
// are stored hashed (auth_schema.hpp). All on the event-loop thread.
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "auth/auth_store.hpp"
#include "auth/crypto.hpp"
#include "auth/login_throttle.hpp"
#include "common/clock.hpp"

namespace csms::auth {

struct AuthOptions {
  std::chrono::seconds session_idle{std::chrono::hours(2)};
  std::chrono::seconds session_absolute{std::chrono::hours(24 * 7)};
  std::chrono::seconds setup_code_lifetime{std::chrono::hours(1)};
  // last_seen is written at most this often: idle expiry may be this late, the SD card is spared.
  std::chrono::seconds touch_interval{60};
  // NIST SP 800-63B §5.1.1.2: length is what counts, at least 8; 10 for an internet-facing box.
  std::size_t min_password_length = 10;
  std::size_t max_password_length = 256;  // bounds the work one request can ask of scrypt
  KdfParams kdf;
  ThrottleOptions throttle;
};

enum class AuthErrorKind {
  Invalid,       // 422: bad password length, empty name, ...
  Unauthorized,  // 401: wrong credentials, unknown or expired session
  Forbidden,     // 403: wrong or expired setup code
  Conflict,      // 409: setup when an admin already exists
  NotFound,      // 404: no such token
  RateLimited,   // 429, with retry_after
  Storage,       // 503: the database failed
};

struct AuthError {
  AuthErrorKind kind;
  std::string message;
  std::string field;  // the request field at fault, if one is
  std::chrono::seconds retry_after{0};
};

template <class T>
using AuthOutcome = std::variant<T, AuthError>;
struct Done {};

struct SetupCode {
  std::string code;
  common::WallTime expires_at;
};

struct SessionGrant {
  std::string cookie_value;  // the session id: only its hash is stored
  std::string csrf_token;
  std::chrono::seconds max_age;  // for the cookie: the absolute lifetime
};

struct Principal {
  std::int64_t user_id = 0;
  std::string user_name;
  bool via_token = false;
  std::string session_id_hash;  // when via a session
  std::string csrf_token;       // when via a session
  std::int64_t token_id = 0;    // when via a token
};

struct CreatedToken {
  std::int64_t id;
  std::string token;  // shown once
  ApiTokenRecord record;
};

inline constexpr std::string_view admin_user = "admin";

class AuthService {
 public:
  // `on_setup_code` is told every new setup code (main logs the link).
  AuthService(eo::db::Database& db, const common::Clock& clock, AuthOptions options,
              std::function<void(const SetupCode&)> on_setup_code);

  bool setup_required();
  // When setup is required: the current code, or a fresh one (reported) if none is valid.
  std::optional<SetupCode> ensure_setup_code();
  AuthOutcome<SessionGrant> complete_setup(std::string_view code, std::string_view password,
                                           std::string_view remote_address);

  AuthOutcome<SessionGrant> login(std::string_view user, std::string_view password,
                                  std::string_view remote_address);
  std::optional<Principal> from_session(std::string_view cookie_value);
  std::optional<Principal> from_bearer(std::string_view token);
  void logout(const Principal& principal);
  // Other sessions of the user end; the one making the change (if any) stays logged in.
  AuthOutcome<Done> change_password(const Principal& principal, std::string_view current,
                                    std::string_view replacement);

  AuthOutcome<CreatedToken> create_token(const Principal& principal, std::string_view name);
  AuthOutcome<std::vector<ApiTokenRecord>> tokens(const Principal& principal);
  AuthOutcome<Done> revoke_token(const Principal& principal, std::int64_t id);

  const AuthOptions& options() const { return options_; }

 private:
  std::optional<AuthError> check_password_rules(std::string_view password) const;
  AuthOutcome<SessionGrant> open_session(std::int64_t user_id, std::string_view remote_address);
  std::int64_t now_s() const;

  eo::db::Database& db_;
  const common::Clock& clock_;
  AuthOptions options_;
  std::function<void(const SetupCode&)> on_setup_code_;
  UserRepository users_;
  SessionRepository sessions_;
  ApiTokenRepository tokens_;
  LoginThrottle throttle_;
  std::optional<SetupCode> setup_code_;
  std::string dummy_hash_;  // verified against for unknown users: same cost, no user oracle
};

}  // namespace csms::auth
