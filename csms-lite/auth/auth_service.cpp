#include "auth/auth_service.hpp"

#include <spdlog/spdlog.h>

#include "db/transaction.hpp"

namespace csms::auth {
namespace {

constexpr std::size_t session_id_bytes = 32;
constexpr std::size_t token_bytes = 32;
constexpr std::string_view token_prefix = "csms_";
constexpr std::size_t max_token_name = 100;

AuthError storage_error(const eo::db::Error& error) {
  spdlog::error("auth: database error: {}", error.message);
  return AuthError{AuthErrorKind::Storage, "the database is not available", "", {}};
}

AuthError unauthorized(std::string message) {
  return AuthError{AuthErrorKind::Unauthorized, std::move(message), "", {}};
}

// UTF-8 code points, not bytes: "length" as a person counts it.
std::size_t code_points(std::string_view text) {
  std::size_t count = 0;
  for (const char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return count;
}

}  // namespace

AuthService::AuthService(eo::db::Database& db, const common::Clock& clock, AuthOptions options,
                         std::function<void(const SetupCode&)> on_setup_code)
    : db_(db),
      clock_(clock),
      options_(options),
      on_setup_code_(std::move(on_setup_code)),
      users_(db),
      sessions_(db),
      tokens_(db),
      throttle_(clock, options.throttle),
      dummy_hash_(hash_password("not a password", options.kdf)) {}

std::int64_t AuthService::now_s() const {
  return std::chrono::duration_cast<std::chrono::seconds>(clock_.now().time_since_epoch()).count();
}

bool AuthService::setup_required() {
  const auto count = users_.count();
  // A failing database is not an invitation to create a new admin.
  return count.ok() && *count == 0;
}

std::optional<SetupCode> AuthService::ensure_setup_code() {
  if (!setup_required()) {
    setup_code_.reset();
    return std::nullopt;
  }
  if (setup_code_ && clock_.now() < setup_code_->expires_at) return setup_code_;
  setup_code_ = SetupCode{random_token(16), clock_.now() + options_.setup_code_lifetime};
  if (on_setup_code_) on_setup_code_(*setup_code_);
  return setup_code_;
}

std::optional<AuthError> AuthService::check_password_rules(std::string_view password) const {
  const auto length = code_points(password);
  if (length < options_.min_password_length || length > options_.max_password_length) {
    return AuthError{AuthErrorKind::Invalid,
                     "the password must be " + std::to_string(options_.min_password_length) +
                         " to " + std::to_string(options_.max_password_length) +
                         " characters long, it has " + std::to_string(length),
                     "password",
                     {}};
  }
  return std::nullopt;
}

AuthOutcome<SessionGrant> AuthService::complete_setup(std::string_view code,
                                                      std::string_view password,
                                                      std::string_view remote_address) {
  if (!setup_required()) {
    return AuthError{AuthErrorKind::Conflict, "setup is already done: log in instead", "", {}};
  }
  const auto address = address_without_port(remote_address);
  if (const auto wait = throttle_.admit(address)) {
    return AuthError{AuthErrorKind::RateLimited, "too many attempts; try again later", "", *wait};
  }
  if (!setup_code_ || !constant_time_equals(code, setup_code_->code)) {
    throttle_.record_failure(address);
    return AuthError{AuthErrorKind::Forbidden,
                     "wrong setup code: use the link from csms-lite's log",
                     "code",
                     {}};
  }
  if (clock_.now() >= setup_code_->expires_at) {
    setup_code_.reset();
    ensure_setup_code();
    return AuthError{AuthErrorKind::Forbidden,
                     "the setup code has expired; a new link has been written to the log",
                     "code",
                     {}};
  }
  if (auto bad = check_password_rules(password)) return *bad;
  const auto created = users_.create(admin_user, hash_password(password, options_.kdf), now_s());
  if (!created) return storage_error(created.error());
  setup_code_.reset();  // single use
  throttle_.record_success(address);
  spdlog::info("auth: admin password set from {}", remote_address);
  return open_session(*created, remote_address);
}

AuthOutcome<SessionGrant> AuthService::open_session(std::int64_t user_id,
                                                    std::string_view remote_address) {
  const auto now = now_s();
  // Expired rows go when someone logs in: rare enough for the SD card, often enough to stay small.
  const auto swept = sessions_.erase_expired(now - options_.session_idle.count(),
                                             now - options_.session_absolute.count());
  if (!swept) return storage_error(swept.error());
  SessionGrant grant{random_token(session_id_bytes), random_token(session_id_bytes),
                     options_.session_absolute};
  const auto inserted =
      sessions_.insert(SessionRecord{sha256_hex(grant.cookie_value), user_id, grant.csrf_token, now,
                                     now, std::string(remote_address)});
  if (!inserted) return storage_error(inserted.error());
  return grant;
}

AuthOutcome<SessionGrant> AuthService::login(std::string_view user, std::string_view password,
                                             std::string_view remote_address) {
  const auto address = address_without_port(remote_address);
  if (const auto wait = throttle_.admit(address)) {
    spdlog::warn("auth: login from {} refused for {} s: too many attempts", remote_address,
                 wait->count());
    return AuthError{AuthErrorKind::RateLimited, "too many login attempts; try again later", "",
                     *wait};
  }
  if (password.size() > options_.max_password_length * 4) {
    throttle_.record_failure(address);
    return unauthorized("wrong user name or password");
  }
  const auto found = users_.find_by_name(user);
  if (!found) return storage_error(found.error());
  // The same scrypt work whether or not the user exists: timing tells nothing.
  const bool ok = verify_password(password, *found ? (*found)->password_hash : dummy_hash_);
  if (!*found || !ok) {
    throttle_.record_failure(address);
    spdlog::warn("auth: failed login for \"{}\" from {}", user, remote_address);
    return unauthorized("wrong user name or password");
  }
  throttle_.record_success(address);
  spdlog::info("auth: \"{}\" logged in from {}", user, remote_address);
  return open_session((*found)->id, remote_address);
}

std::optional<Principal> AuthService::from_session(std::string_view cookie_value) {
  if (cookie_value.empty() || cookie_value.size() > 128) return std::nullopt;
  const auto id_hash = sha256_hex(cookie_value);
  const auto found = sessions_.find(id_hash);
  if (!found) {
    storage_error(found.error());
    return std::nullopt;
  }
  if (!*found) return std::nullopt;
  const auto& session = **found;
  const auto now = now_s();
  if (now - session.last_seen_at_s >= options_.session_idle.count() ||
      now - session.created_at_s >= options_.session_absolute.count()) {
    (void)sessions_.erase(id_hash);
    return std::nullopt;
  }
  if (now - session.last_seen_at_s >= options_.touch_interval.count()) {
    if (auto touched = sessions_.touch(id_hash, now); !touched) storage_error(touched.error());
  }
  const auto user = users_.find(session.user_id);
  if (!user || !*user) return std::nullopt;
  return Principal{session.user_id, (*user)->name, false, id_hash, session.csrf_token, 0};
}

std::optional<Principal> AuthService::from_bearer(std::string_view token) {
  if (!token.starts_with(token_prefix) || token.size() > 128) return std::nullopt;
  const auto found = tokens_.find_by_hash(sha256_hex(token));
  if (!found || !*found) return std::nullopt;
  const auto& record = **found;
  const auto now = now_s();
  if (!record.last_used_at_s || now - *record.last_used_at_s >= options_.touch_interval.count()) {
    if (auto touched = tokens_.touch(record.id, now); !touched) storage_error(touched.error());
  }
  const auto user = users_.find(record.user_id);
  if (!user || !*user) return std::nullopt;
  return Principal{record.user_id, (*user)->name, true, "", "", record.id};
}

void AuthService::logout(const Principal& principal) {
  if (principal.via_token) return;
  if (auto erased = sessions_.erase(principal.session_id_hash); !erased) {
    storage_error(erased.error());
  }
}

AuthOutcome<Done> AuthService::change_password(const Principal& principal, std::string_view current,
                                               std::string_view replacement) {
  const auto user = users_.find(principal.user_id);
  if (!user) return storage_error(user.error());
  if (!*user) return unauthorized("the user no longer exists");
  if (!verify_password(current, (*user)->password_hash)) {
    return AuthError{
        AuthErrorKind::Forbidden, "the current password is wrong", "currentPassword", {}};
  }
  if (auto bad = check_password_rules(replacement)) {
    bad->field = "newPassword";
    return *bad;
  }
  const auto hash = hash_password(replacement, options_.kdf);
  auto changed = eo::db::with_transaction(db_, [&]() -> eo::db::Result<void> {
    if (auto set = users_.set_password(principal.user_id, hash, now_s()); !set) return set;
    auto erased = sessions_.erase_for_user(principal.user_id, principal.session_id_hash);
    if (!erased) return erased.error();
    return {};
  });
  if (!changed) return storage_error(changed.error());
  spdlog::info("auth: password of \"{}\" changed; its other sessions ended", (*user)->name);
  return Done{};
}

AuthOutcome<CreatedToken> AuthService::create_token(const Principal& principal,
                                                    std::string_view name) {
  if (name.empty() || code_points(name) > max_token_name) {
    return AuthError{
        AuthErrorKind::Invalid,
        "the token name must be 1 to " + std::to_string(max_token_name) + " characters long",
        "name",
        {}};
  }
  auto token = std::string(token_prefix) + random_token(token_bytes);
  const auto prefix = token.substr(0, token_prefix.size() + 6);
  const auto now = now_s();
  const auto id = tokens_.insert(principal.user_id, name, sha256_hex(token), prefix, now);
  if (!id) return storage_error(id.error());
  return CreatedToken{*id, std::move(token),
                      ApiTokenRecord{*id, principal.user_id, std::string(name), prefix, now, {}}};
}

AuthOutcome<std::vector<ApiTokenRecord>> AuthService::tokens(const Principal& principal) {
  auto list = tokens_.list(principal.user_id);
  if (!list) return storage_error(list.error());
  return std::move(*list);
}

AuthOutcome<Done> AuthService::revoke_token(const Principal& principal, std::int64_t id) {
  const auto erased = tokens_.erase(principal.user_id, id);
  if (!erased) return storage_error(erased.error());
  if (!*erased) {
    return AuthError{
        AuthErrorKind::NotFound, "no API token with id " + std::to_string(id), "id", {}};
  }
  return Done{};
}

}  // namespace csms::auth
