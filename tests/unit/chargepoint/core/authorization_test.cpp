// Authorization rules (OCPP 1.6 §3.5, §4.1) online and offline, on a fake session and manual clock.
#include <gtest/gtest.h>

#include "common/clock.hpp"
#include "common/manual_timers.hpp"
#include "features/core/authorization.hpp"
#include "memory_ports.hpp"
#include "ocpp_world.hpp"

namespace {

using namespace std::chrono_literals;
using chargepoint::core::AuthDecision;
using chargepoint::core::Authorizer;
using nlohmann::json;
using ocpp::messages::AuthorizationStatus;

class AuthorizationTest : public ::testing::Test, protected test_support::OcppWorld {
 protected:
  std::optional<AuthDecision> run(const std::string& tag) {
    std::optional<AuthDecision> result;
    authorizer.authorize(tag, [&result](const AuthDecision& d) { result = d; });
    return result;
  }
  void cache(const std::string& tag, const std::string& status,
             std::optional<common::WallTime> expiry = {}) {
    cache_store.put(tag, {status, expiry, std::nullopt});
  }

  test_support::MemoryAuthCache cache_store;
  Authorizer authorizer{config, cache_store, clock};
};

TEST_F(AuthorizationTest, OnlineAsksTheCentralSystemAndCachesTheAnswer) {
  authorizer.attach(&session);
  std::optional<AuthDecision> result;
  authorizer.authorize("TAG1", [&result](const AuthDecision& d) { result = d; });
  EXPECT_FALSE(result);
  EXPECT_EQ(io.last().at(2), "Authorize");
  EXPECT_EQ(io.last().at(3), json({{"idTag", "TAG1"}}));
  io.answer_last({{"idTagInfo", {{"status", "Blocked"}}}});
  ASSERT_TRUE(result);
  EXPECT_EQ(result->info.status, AuthorizationStatus::Blocked);
  EXPECT_EQ(cache_store.entries.at("TAG1").status, "Blocked");
}

TEST_F(AuthorizationTest, LocalPreAuthorizeUsesAnAcceptedCacheEntryAtOnce) {
  authorizer.attach(&session);
  config.change("LocalPreAuthorize", "true");
  cache("TAG1", "Accepted");
  const auto result = run("TAG1");
  ASSERT_TRUE(result);
  EXPECT_TRUE(result->accepted());
  EXPECT_TRUE(io.sent.empty());
}

TEST_F(AuthorizationTest, OfflineRules) {
  cache("GOOD", "Accepted");
  cache("OLD", "Accepted", clock.now() - 1s);
  cache("BAD", "Blocked");
  EXPECT_TRUE(run("GOOD")->accepted());  // LocalAuthorizeOffline default true
  EXPECT_EQ(run("OLD")->info.status, AuthorizationStatus::Expired);  // expiry applies
  EXPECT_EQ(run("BAD")->info.status, AuthorizationStatus::Blocked);
  EXPECT_EQ(run("NEW")->info.status,
            AuthorizationStatus::Invalid);  // AllowOfflineTxForUnknownId false
  config.change("AllowOfflineTxForUnknownId", "true");
  EXPECT_TRUE(run("NEW")->accepted());
  EXPECT_EQ(run("BAD")->info.status,
            AuthorizationStatus::Blocked);  // known and refused stays refused
  config.change("LocalAuthorizeOffline", "false");
  EXPECT_FALSE(run("GOOD")->accepted());
  EXPECT_TRUE(io.sent.empty());
}

TEST_F(AuthorizationTest, NoAnswerFallsBackToTheOfflineRules) {
  authorizer.attach(&session);
  cache("GOOD", "Accepted");
  std::optional<AuthDecision> result;
  authorizer.authorize("GOOD", [&result](const AuthDecision& d) { result = d; });
  timers.advance(std::chrono::milliseconds(ocpp::rpc::EndpointOptions{}.call_timeout));
  ASSERT_TRUE(result);
  EXPECT_TRUE(result->accepted());
  EXPECT_EQ(result->source, "cache (offline)");
}

TEST_F(AuthorizationTest, DisablingTheCacheEmptiesItAndClearCacheWorks) {
  cache("GOOD", "Accepted");
  config.change("AuthorizationCacheEnabled", "false");
  EXPECT_TRUE(cache_store.entries.empty());
  config.change("AuthorizationCacheEnabled", "true");
  cache("GOOD", "Accepted");
  authorizer.register_handlers(router);
  auto answer = router.dispatch("ClearCache", json::object());
  ASSERT_TRUE(answer.ok());
  EXPECT_EQ(answer.value(), json({{"status", "Accepted"}}));
  EXPECT_TRUE(cache_store.entries.empty());
}

}  // namespace
