// Authentication as the HTTP API applies it: cookies, CSRF, Origin, bearer tokens, throttling.
#include "api_fixture.hpp"

namespace csms::api::testing {
namespace {

TEST_F(ApiTest, SetupFlowAndSessionProbe) {
  auto probe = send("GET", "/api/session");
  EXPECT_EQ(probe.status, 200);
  EXPECT_EQ(json(probe), (nlohmann::json{{"authenticated", false}, {"setupRequired", true}}));
  EXPECT_EQ(send("GET", "/api/chargers").status, 401);

  const auto code = auth_.ensure_setup_code();
  auto wrong = send("POST", "/api/setup", R"({"code":"nope","password":"long enough!"})",
                    {{"Content-Type", "application/json"}});
  EXPECT_EQ(wrong.status, 403);
  EXPECT_EQ(json(wrong)["error"]["field"], "code");
  auto missing =
      send("POST", "/api/setup", R"({"code":"x"})", {{"Content-Type", "application/json"}});
  EXPECT_EQ(missing.status, 422);
  EXPECT_EQ(json(missing)["error"]["message"], "\"password\" is required");

  const auto login = set_up_and_log_in();
  EXPECT_FALSE(login.csrf.empty());
  probe = as_user(login, "GET", "/api/session");
  EXPECT_EQ(json(probe)["authenticated"], true);
  EXPECT_EQ(json(probe)["csrfToken"], login.csrf);
  EXPECT_EQ(send("POST", "/api/setup",
                 nlohmann::json{{"code", code->code}, {"password", "yet another one"}}.dump(),
                 {{"Content-Type", "application/json"}})
                .status,
            409);
}

TEST_F(ApiTest, SetupLinkForTheLog) {
  const auto code = auth_.ensure_setup_code();
  ASSERT_EQ(setup_codes_.size(), 1u);
  EXPECT_EQ(setup_link_message("http://10.0.0.9:8080", *code),
            "first start: set the admin password at http://10.0.0.9:8080/setup?code=" + code->code +
                " (the link works once, until 2026-11-18T12:06:40Z)");
}

TEST_F(ApiTest, SessionCookieAttributes) {
  const auto code = auth_.ensure_setup_code();
  net::HttpRequest request;
  request.method = "POST";
  request.target = "/api/setup";
  request.headers = {{"Content-Type", "application/json"}, {"Host", "csms.local"}};
  request.body = nlohmann::json{{"code", code->code}, {"password", "correct horse battery"}}.dump();
  request.secure = true;
  const auto response = api_.handle(request);
  ASSERT_EQ(response.status, 201) << response.body;
  const auto cookie = header(response, "Set-Cookie");
  ASSERT_TRUE(cookie);
  EXPECT_TRUE(cookie->starts_with("csms_session="));
  for (const auto* attribute :
       {"; HttpOnly", "; SameSite=Strict", "; Path=/", "; Secure", "; Max-Age=604800"}) {
    EXPECT_NE(cookie->find(attribute), std::string::npos) << attribute << " in " << *cookie;
  }
  // Plain HTTP: no Secure, or the browser would never send it back.
  const auto plain = send("POST", "/api/session", R"({"password":"correct horse battery"})",
                          {{"Content-Type", "application/json"}});
  EXPECT_EQ(header(plain, "Set-Cookie")->find("Secure"), std::string::npos);
}

TEST_F(ApiTest, CsrfTokenIsRequiredOnStateChangingRequests) {
  const auto login = set_up_and_log_in();
  const std::string tag = R"({"idTag":"TAG1"})";
  auto no_token = send("POST", "/api/idtags", tag,
                       {{"Cookie", login.cookie}, {"Content-Type", "application/json"}});
  EXPECT_EQ(no_token.status, 403);
  EXPECT_NE(json(no_token)["error"]["message"].get<std::string>().find("missing"),
            std::string::npos);
  auto wrong = send("POST", "/api/idtags", tag,
                    {{"Cookie", login.cookie},
                     {"X-CSRF-Token", login.csrf + "x"},
                     {"Content-Type", "application/json"}});
  EXPECT_EQ(wrong.status, 403);
  EXPECT_EQ(as_user(login, "POST", "/api/idtags", tag).status, 201);
  // Reads need none.
  EXPECT_EQ(send("GET", "/api/idtags", {}, {{"Cookie", login.cookie}}).status, 200);
}

TEST_F(ApiTest, ForeignOriginsAreRefused) {
  const auto login = set_up_and_log_in();
  const std::vector<std::pair<std::string, std::string>> base = {
      {"Cookie", login.cookie}, {"X-CSRF-Token", login.csrf}, {"Content-Type", "application/json"}};
  auto headers = base;
  headers.emplace_back("Origin", "http://evil.example");
  EXPECT_EQ(send("PUT", "/api/settings", "{}", headers).status, 403);
  headers = base;
  headers.emplace_back("Origin", "http://csms.local:8080");
  EXPECT_EQ(send("PUT", "/api/settings", "{}", headers).status, 200);
  headers = base;
  headers.emplace_back("Sec-Fetch-Site", "cross-site");
  EXPECT_EQ(send("PUT", "/api/settings", "{}", headers).status, 403);
  // Login from a foreign page, too.
  EXPECT_EQ(send("POST", "/api/session", R"({"password":"correct horse battery"})",
                 {{"Content-Type", "application/json"}, {"Origin", "http://evil.example"}})
                .status,
            403);
}

TEST_F(ApiTest, LoginFailuresAreRateLimitedWithRetryAfter) {
  set_up_and_log_in();
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(send("POST", "/api/session", R"({"password":"wrong password"})",
                   {{"Content-Type", "application/json"}})
                  .status,
              401);
  }
  const auto limited = send("POST", "/api/session", R"({"password":"correct horse battery"})",
                            {{"Content-Type", "application/json"}});
  EXPECT_EQ(limited.status, 429);
  EXPECT_EQ(header(limited, "Retry-After"), "300");
  timers_.advance(300s);
  EXPECT_EQ(send("POST", "/api/session", R"({"password":"correct horse battery"})",
                 {{"Content-Type", "application/json"}})
                .status,
            200);
}

TEST_F(ApiTest, LogoutEndsTheSession) {
  const auto login = set_up_and_log_in();
  const auto out = as_user(login, "DELETE", "/api/session");
  EXPECT_EQ(out.status, 204);
  EXPECT_NE(header(out, "Set-Cookie")->find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(as_user(login, "GET", "/api/chargers").status, 401);
}

TEST_F(ApiTest, PasswordChangeLogsOutOtherSessions) {
  const auto first = set_up_and_log_in();
  const auto second = log_in("correct horse battery");
  EXPECT_EQ(as_user(first, "POST", "/api/password",
                    R"({"currentPassword":"correct horse battery","newPassword":"tr0ub4dor&3 x"})")
                .status,
            204);
  EXPECT_EQ(as_user(first, "GET", "/api/chargers").status, 200);
  EXPECT_EQ(as_user(second, "GET", "/api/chargers").status, 401);
  const auto bad = as_user(first, "POST", "/api/password",
                           R"({"currentPassword":"tr0ub4dor&3 x","newPassword":"short"})");
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(json(bad)["error"]["field"], "newPassword");
}

TEST_F(ApiTest, BearerTokensWorkWithoutCsrfUntilRevoked) {
  const auto login = set_up_and_log_in();
  const auto created = as_user(login, "POST", "/api/tokens", R"({"name":"home assistant"})");
  ASSERT_EQ(created.status, 201);
  const std::string token = json(created)["token"];
  const auto id = json(created)["id"].get<std::int64_t>();

  const std::vector<std::pair<std::string, std::string>> bearer = {
      {"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}};
  EXPECT_EQ(send("GET", "/api/chargers", {}, bearer).status, 200);
  // No CSRF token and a foreign Origin: irrelevant for a token a browser never sends by itself.
  auto with_origin = bearer;
  with_origin.emplace_back("Origin", "http://elsewhere");
  EXPECT_EQ(send("POST", "/api/idtags", R"({"idTag":"HA1"})", with_origin).status, 201);

  const auto list = json(as_user(login, "GET", "/api/tokens"));
  ASSERT_EQ(list["items"].size(), 1u);
  EXPECT_EQ(list["items"][0]["name"], "home assistant");
  EXPECT_FALSE(list["items"][0].contains("token"));
  EXPECT_TRUE(list["items"][0]["lastUsedAt"].is_string());

  EXPECT_EQ(as_user(login, "DELETE", "/api/tokens/" + std::to_string(id)).status, 204);
  const auto revoked = send("GET", "/api/chargers", {}, bearer);
  EXPECT_EQ(revoked.status, 401);
  EXPECT_EQ(header(revoked, "WWW-Authenticate"), "Bearer realm=\"csms-lite\"");
  EXPECT_EQ(as_user(login, "DELETE", "/api/tokens/" + std::to_string(id)).status, 404);
  EXPECT_EQ(as_user(login, "DELETE", "/api/tokens/abc").status, 404);
  EXPECT_EQ(send("GET", "/api/chargers", {}, {{"Authorization", "Basic YTpi"}}).status, 401);
}

TEST_F(ApiTest, PublicPathsAndTheStaticFallback) {
  EXPECT_EQ(send("GET", "/index.html").body, "static:/index.html");
  EXPECT_EQ(send("GET", "/setup?code=abc").body, "static:/index.html");
  EXPECT_EQ(send("GET", "/app.js").status, 200);
  EXPECT_EQ(send("GET", "/api/openapi.json").status, 401);
  EXPECT_EQ(send("GET", "/api/events").status, 401);
}

}  // namespace
}  // namespace csms::api::testing
