// The router and the request parsers on their own, and garbage that must never crash them.
#include <gtest/gtest.h>

#include <random>

#include "api/request_parsing.hpp"
#include "api/router.hpp"
#include "api_fixture.hpp"

namespace csms::api::testing {
namespace {

TEST(Router, MatchesParametersAndReportsAllowedMethods) {
  Router router;
  const auto ok = [](ApiRequest&) { return net::HttpResponse{}; };
  router.add("GET", "/api/chargers/{id}", Access::User, ok);
  router.add("POST", "/api/chargers/{id}/commands/{action}", Access::User, ok);
  router.add("DELETE", "/api/chargers/{id}", Access::User, ok);

  auto match = router.match("POST", "/api/chargers/EO%2FBox/commands/Reset");
  EXPECT_EQ(match.route->pattern, "/api/chargers/{id}/commands/{action}");
  EXPECT_EQ(match.params["id"], "EO/Box");  // an encoded slash stays inside its segment
  EXPECT_EQ(match.params["action"], "Reset");
  EXPECT_EQ(router.match("HEAD", "/api/chargers/x").route->method, "GET");

  try {
    router.match("PUT", "/api/chargers/x");
    FAIL();
  } catch (const ApiError& e) {
    EXPECT_EQ(e.status(), 405);
    ASSERT_EQ(e.headers().size(), 1u);
    EXPECT_EQ(e.headers()[0].second, "DELETE, GET, HEAD");
  }
  for (const auto* path : {"/api/chargers", "/api/chargers/", "/api/chargers/x/", "/api/chargers//",
                           "/api/chargers/x/commands", "/API/chargers/x", ""}) {
    try {
      router.match("GET", path);
      ADD_FAILURE() << path;
    } catch (const ApiError& e) {
      EXPECT_EQ(e.status(), 404) << path;
    }
  }
}

TEST(Query, ParsesDecodesAndRefuses) {
  const auto query = Query::parse("a=1&b=x+y%21&&c&d=");
  EXPECT_EQ(query.text("a"), "1");
  EXPECT_EQ(query.text("b"), "x y!");
  EXPECT_EQ(query.text("c"), "");
  EXPECT_EQ(query.text("d"), "");
  EXPECT_FALSE(query.text("e"));
  EXPECT_THROW(Query::parse("a=%"), ApiError);
  EXPECT_THROW(Query::parse("a=%00"), ApiError);
  EXPECT_THROW(Query::parse("a=1&a=2"), ApiError);
  EXPECT_THROW(Query::parse("n=99999999999999999999999").integer("n", 0, 10), ApiError);
  EXPECT_EQ(Query::parse("n=-3").integer("n", -5, 5), -3);
}

// Random bytes where paths, queries, headers and bodies go: every answer is a well-formed HTTP
// response with a JSON error body for /api, never an exception or a crash.
TEST_F(ApiTest, GarbageNeverCrashes) {
  const auto login = set_up_and_log_in();
  std::mt19937 random(12345);
  std::string alphabet = "/%{}[]\":,?&=+ \\aZ09-_.~\r\n\t(";
  alphabet += std::string{'\0', '\xff', '\xc3'};
  auto garbage = [&](std::size_t max_length) {
    std::string text;
    const auto length = random() % (max_length + 1);
    for (std::size_t i = 0; i < length; ++i) {
      text.push_back(random() % 4 == 0 ? static_cast<char>(random() % 256)
                                       : alphabet[random() % alphabet.size()]);
    }
    return text;
  };
  const std::vector<std::string> prefixes = {"/api/",
                                             "/api/chargers/",
                                             "/api/idtags/",
                                             "/api/chargers/CP1/commands/",
                                             "/api/transactions?",
                                             "/api/chargers/CP1/series?",
                                             "/"};
  const std::vector<std::string> methods = {"GET",   "POST", "PUT",  "DELETE",
                                            "PATCH", "HEAD", "BREW", ""};
  for (int i = 0; i < 3000; ++i) {
    std::vector<std::pair<std::string, std::string>> headers = {
        {"Cookie", random() % 2 ? login.cookie : garbage(60)},
        {"X-CSRF-Token", random() % 2 ? login.csrf : garbage(20)},
        {"Content-Type", random() % 2 ? "application/json" : garbage(30)}};
    if (random() % 4 == 0) headers.emplace_back("Authorization", garbage(40));
    if (random() % 4 == 0) headers.emplace_back("Origin", garbage(30));
    if (random() % 8 == 0) headers.emplace_back(garbage(10), garbage(10));
    const auto target = prefixes[random() % prefixes.size()] + garbage(40);
    const auto body = random() % 3 == 0 ? R"({"idTag":)" + garbage(40) : garbage(200);
    net::HttpResponse response;
    ASSERT_NO_THROW(response = send(methods[random() % methods.size()], target, body, headers))
        << target;
    EXPECT_GE(response.status, 200);
    EXPECT_LE(response.status, 599);
    EXPECT_NE(response.status, 500) << target << " " << response.body;
    if (target.starts_with("/api/") && response.status >= 400) {
      const auto parsed = nlohmann::json::parse(response.body, nullptr, false);
      EXPECT_TRUE(parsed.is_object() && parsed.contains("error")) << target << " " << response.body;
    }
  }
}

}  // namespace
}  // namespace csms::api::testing
