// AuthService on a real :memory: database and a manual clock.
#include <gtest/gtest.h>

#include "api_fixture.hpp"
#include "auth/crypto.hpp"

namespace csms::auth {
namespace {

using namespace std::chrono_literals;
using api::testing::open_auth_db;
using api::testing::test_auth_options;

template <class T>
const AuthError& error_of(const AuthOutcome<T>& outcome) {
  static const AuthError none{AuthErrorKind::Storage, "no error", "", {}};
  const auto* error = std::get_if<AuthError>(&outcome);
  return error ? *error : none;
}

class AuthServiceTest : public ::testing::Test {
 protected:
  SessionGrant setup(const std::string& password = "a long password") {
    const auto code = auth_.ensure_setup_code();
    auto grant = auth_.complete_setup(code->code, password, "10.0.0.1:4000");
    EXPECT_TRUE(std::holds_alternative<SessionGrant>(grant)) << error_of(grant).message;
    return std::get<SessionGrant>(grant);
  }

  common::ManualTimers timers_;
  common::ManualClock clock_{timers_, common::WallTime(std::chrono::seconds(1'795'000'000))};
  eo::db::Database db_ = open_auth_db();
  std::vector<SetupCode> codes_;
  AuthService auth_{db_, clock_, test_auth_options(),
                    [this](const SetupCode& code) { codes_.push_back(code); }};
};

TEST(Crypto, HashesVerifyAndDiffer) {
  const KdfParams cheap{4, 8, 1};
  const auto a = hash_password("hunter2 hunter2", cheap);
  const auto b = hash_password("hunter2 hunter2", cheap);
  EXPECT_NE(a, b);  // per-hash salt
  EXPECT_TRUE(a.starts_with("$scrypt$ln=4,r=8,p=1$"));
  EXPECT_TRUE(verify_password("hunter2 hunter2", a));
  EXPECT_FALSE(verify_password("hunter2 hunter3", a));
  for (const auto* bad : {"", "$scrypt$", "$scrypt$ln=99,r=8,p=1$AAAA$AAAA", "$md5$x$y$z",
                          "$scrypt$ln=4,r=8,p=1$!!$AAAA", "$scrypt$ln=4,r=8$AAAA$AAAA"}) {
    EXPECT_FALSE(verify_password("x", bad)) << bad;
  }
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_TRUE(constant_time_equals("abc", "abc"));
  EXPECT_FALSE(constant_time_equals("abc", "abd"));
  EXPECT_FALSE(constant_time_equals("abc", "abcd"));
  EXPECT_NE(random_token(32), random_token(32));
  EXPECT_EQ(random_token(32).size(), 43u);  // 256 bits in base64url
}

TEST_F(AuthServiceTest, SetupCodeIsReportedOnceAndSingleUse) {
  EXPECT_TRUE(auth_.setup_required());
  const auto code = auth_.ensure_setup_code();
  ASSERT_TRUE(code);
  EXPECT_EQ(auth_.ensure_setup_code()->code, code->code);  // the same until it expires
  ASSERT_EQ(codes_.size(), 1u);
  EXPECT_EQ(code->expires_at, clock_.now() + 1h);

  EXPECT_EQ(error_of(auth_.complete_setup("wrong", "a long password", "1.2.3.4:5")).kind,
            AuthErrorKind::Forbidden);
  const auto short_password = auth_.complete_setup(code->code, "short", "1.2.3.4:5");
  EXPECT_EQ(error_of(short_password).kind, AuthErrorKind::Invalid);
  EXPECT_EQ(error_of(short_password).field, "password");

  ASSERT_TRUE(std::holds_alternative<SessionGrant>(
      auth_.complete_setup(code->code, "a long password", "1.2.3.4:5")));
  EXPECT_FALSE(auth_.setup_required());
  EXPECT_FALSE(auth_.ensure_setup_code());
  EXPECT_EQ(error_of(auth_.complete_setup(code->code, "another password", "1.2.3.4:5")).kind,
            AuthErrorKind::Conflict);
}

TEST_F(AuthServiceTest, AnExpiredSetupCodeIsReplacedByANewOne) {
  const auto code = auth_.ensure_setup_code();
  timers_.advance(1h);
  const auto late = auth_.complete_setup(code->code, "a long password", "1.2.3.4:5");
  EXPECT_EQ(error_of(late).kind, AuthErrorKind::Forbidden);
  EXPECT_NE(error_of(late).message.find("expired"), std::string::npos);
  ASSERT_EQ(codes_.size(), 2u);
  EXPECT_NE(codes_[1].code, code->code);
  EXPECT_TRUE(std::holds_alternative<SessionGrant>(
      auth_.complete_setup(codes_[1].code, "a long password", "1.2.3.4:5")));
}

TEST_F(AuthServiceTest, LoginSessionsExpireWhenIdleAndAbsolutely) {
  setup();
  const auto wrong = auth_.login("admin", "not the password", "10.0.0.2:1");
  EXPECT_EQ(error_of(wrong).kind, AuthErrorKind::Unauthorized);
  EXPECT_EQ(error_of(auth_.login("root", "a long password", "10.0.0.2:1")).kind,
            AuthErrorKind::Unauthorized);
  const auto grant = std::get<SessionGrant>(auth_.login("admin", "a long password", "10.0.0.2:1"));
  ASSERT_TRUE(auth_.from_session(grant.cookie_value));
  EXPECT_EQ(auth_.from_session(grant.cookie_value)->csrf_token, grant.csrf_token);
  EXPECT_FALSE(auth_.from_session(grant.cookie_value + "x"));
  EXPECT_FALSE(auth_.from_session(""));

  // Used every hour: the idle limit (2 h) never strikes, the absolute one (7 days) does.
  for (int hour = 0; hour < 24 * 7 - 1; ++hour) {
    timers_.advance(1h);
    ASSERT_TRUE(auth_.from_session(grant.cookie_value)) << hour;
  }
  timers_.advance(1h);
  EXPECT_FALSE(auth_.from_session(grant.cookie_value));

  const auto idle = std::get<SessionGrant>(auth_.login("admin", "a long password", "10.0.0.2:1"));
  timers_.advance(2h);
  EXPECT_FALSE(auth_.from_session(idle.cookie_value));
}

TEST_F(AuthServiceTest, LoginIsRateLimitedPerAddressAndOverall) {
  setup();
  for (int i = 0; i < 5; ++i) (void)auth_.login("admin", "wrong password", "10.0.0.3:1000");
  const auto limited = auth_.login("admin", "a long password", "10.0.0.3:1001");
  ASSERT_EQ(error_of(limited).kind, AuthErrorKind::RateLimited);
  EXPECT_EQ(error_of(limited).retry_after, 300s);
  // Another address is not affected.
  EXPECT_TRUE(
      std::holds_alternative<SessionGrant>(auth_.login("admin", "a long password", "10.0.0.4:1")));
  timers_.advance(299s);
  EXPECT_EQ(error_of(auth_.login("admin", "a long password", "10.0.0.3:1")).retry_after, 1s);
  timers_.advance(1s);
  EXPECT_TRUE(
      std::holds_alternative<SessionGrant>(auth_.login("admin", "a long password", "10.0.0.3:1")));

  // 30 attempts a minute from everywhere together.
  timers_.advance(60s);
  for (int i = 0; i < 30; ++i) {
    (void)auth_.login("admin", "wrong password", "10.1.0." + std::to_string(i) + ":1");
  }
  const auto flooded = auth_.login("admin", "a long password", "10.9.9.9:1");
  EXPECT_EQ(error_of(flooded).kind, AuthErrorKind::RateLimited);
  EXPECT_EQ(error_of(flooded).retry_after, 60s);
}

TEST_F(AuthServiceTest, PasswordChangeEndsTheOtherSessions) {
  const auto first = setup("first password");
  const auto second = std::get<SessionGrant>(auth_.login("admin", "first password", "10.0.0.5:1"));
  const auto me = *auth_.from_session(first.cookie_value);
  EXPECT_EQ(error_of(auth_.change_password(me, "wrong", "second password")).kind,
            AuthErrorKind::Forbidden);
  EXPECT_EQ(error_of(auth_.change_password(me, "first password", "short")).field, "newPassword");
  ASSERT_TRUE(
      std::holds_alternative<Done>(auth_.change_password(me, "first password", "second password")));
  EXPECT_TRUE(auth_.from_session(first.cookie_value));
  EXPECT_FALSE(auth_.from_session(second.cookie_value));
  EXPECT_EQ(error_of(auth_.login("admin", "first password", "10.0.0.5:1")).kind,
            AuthErrorKind::Unauthorized);
  EXPECT_TRUE(
      std::holds_alternative<SessionGrant>(auth_.login("admin", "second password", "10.0.0.5:1")));
}

TEST_F(AuthServiceTest, ApiTokensAreShownOnceStoredHashedAndRevocable) {
  const auto grant = setup();
  const auto me = *auth_.from_session(grant.cookie_value);
  const auto created = std::get<CreatedToken>(auth_.create_token(me, "home assistant"));
  EXPECT_TRUE(created.token.starts_with("csms_"));
  EXPECT_EQ(error_of(auth_.create_token(me, "")).field, "name");

  const auto principal = auth_.from_bearer(created.token);
  ASSERT_TRUE(principal);
  EXPECT_TRUE(principal->via_token);
  EXPECT_EQ(principal->token_id, created.id);
  EXPECT_FALSE(auth_.from_bearer(created.token + "x"));
  EXPECT_FALSE(auth_.from_bearer("not a token"));

  auto list = std::get<std::vector<ApiTokenRecord>>(auth_.tokens(me));
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].name, "home assistant");
  EXPECT_TRUE(created.token.starts_with(list[0].prefix));
  EXPECT_TRUE(list[0].last_used_at_s.has_value());

  ASSERT_TRUE(std::holds_alternative<Done>(auth_.revoke_token(me, created.id)));
  EXPECT_FALSE(auth_.from_bearer(created.token));
  EXPECT_EQ(error_of(auth_.revoke_token(me, created.id)).kind, AuthErrorKind::NotFound);
}

TEST(LoginThrottle, StripsPorts) {
  EXPECT_EQ(address_without_port("1.2.3.4:80"), "1.2.3.4");
  EXPECT_EQ(address_without_port("[::1]:80"), "::1");
  EXPECT_EQ(address_without_port("unknown"), "unknown");
  EXPECT_EQ(address_without_port("[broken"), "[broken");
}

}  // namespace
}  // namespace csms::auth
