#include "store/auth_cache_repository.hpp"
#include "store/migrations.hpp"

#include <gtest/gtest.h>

#include "store_test_support.hpp"

namespace {

using chargepoint::store::AuthCacheEntry;
using chargepoint::store::AuthCacheRepository;
using chargepoint::store::Database;
using chargepoint::store::ErrorKind;

AuthCacheEntry entry(std::string id_tag, std::int64_t now_ms, std::string status = "Accepted") {
  return AuthCacheEntry{std::move(id_tag), std::move(status), std::nullopt, std::nullopt, now_ms};
}

class AuthCacheTest : public ::testing::Test {
 protected:
  std::vector<std::string> tags() {
    std::vector<std::string> found;
    for (const char* tag : {"A", "B", "C", "D", "E"}) {
      if (auto hit = *cache_.find(tag)) found.push_back(hit->id_tag);
    }
    return found;
  }

  Database db_ = *Database::open_in_memory(chargepoint::store::chargepoint_open_options());
  AuthCacheRepository cache_{db_, 3};
};

TEST_F(AuthCacheTest, UpsertThenFindEveryField) {
  const AuthCacheEntry stored{"04A1B2C3D4", "Accepted", 1'700'000'000, "PARENT01", 1234};
  auto evicted = cache_.upsert(stored);
  ASSERT_TRUE(evicted) << evicted.error().message;
  EXPECT_EQ(*evicted, 0u);
  auto found = cache_.find("04A1B2C3D4");
  ASSERT_TRUE(found);
  ASSERT_TRUE(*found);
  EXPECT_EQ((*found)->id_tag, "04A1B2C3D4");
  EXPECT_EQ((*found)->status, "Accepted");
  EXPECT_EQ((*found)->expiry_unix_s, 1'700'000'000);
  EXPECT_EQ((*found)->parent_id_tag, "PARENT01");
  EXPECT_EQ((*found)->last_used_unix_ms, 1234);
}

TEST_F(AuthCacheTest, IdTagsCompareCaseInsensitively) {
  ASSERT_TRUE(cache_.upsert(entry("abc", 1)));
  auto found = *cache_.find("ABC");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id_tag, "abc");
  ASSERT_TRUE(cache_.upsert(entry("ABC", 2, "Blocked")));
  EXPECT_EQ(*cache_.size(), 1u);
  EXPECT_EQ((*cache_.find("abc"))->status, "Blocked");
}

TEST_F(AuthCacheTest, UpsertReplacesEveryField) {
  ASSERT_TRUE(cache_.upsert(AuthCacheEntry{"A", "Accepted", 100, "P", 1}));
  ASSERT_TRUE(cache_.upsert(entry("A", 2, "Expired")));
  auto found = *cache_.find("A");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->status, "Expired");
  EXPECT_EQ(found->expiry_unix_s, std::nullopt);
  EXPECT_EQ(found->parent_id_tag, std::nullopt);
}

TEST_F(AuthCacheTest, TheLeastRecentlyUsedEntryIsEvicted) {
  ASSERT_TRUE(cache_.upsert(entry("A", 1)));
  ASSERT_TRUE(cache_.upsert(entry("B", 2)));
  ASSERT_TRUE(cache_.upsert(entry("C", 3)));
  auto touched = cache_.touch("A", 4);  // A is now the most recent: B is the oldest
  ASSERT_TRUE(touched);
  EXPECT_TRUE(*touched);
  auto evicted = cache_.upsert(entry("D", 5));
  ASSERT_TRUE(evicted);
  EXPECT_EQ(*evicted, 1u);
  EXPECT_EQ(tags(), (std::vector<std::string>{"A", "C", "D"}));
  EXPECT_EQ((*cache_.find("A"))->last_used_unix_ms, 4);
}

TEST_F(AuthCacheTest, UseOrderDoesNotTrustTheWallClock) {
  // A Pi without an RTC may boot with its clock behind: later uses can carry earlier times.
  ASSERT_TRUE(cache_.upsert(entry("A", 9000)));
  ASSERT_TRUE(cache_.upsert(entry("B", 100)));
  ASSERT_TRUE(cache_.upsert(entry("C", 200)));
  ASSERT_TRUE(cache_.upsert(entry("D", 300)));
  EXPECT_EQ(tags(), (std::vector<std::string>{"B", "C", "D"}));
}

TEST_F(AuthCacheTest, FindIsAPureRead) {
  ASSERT_TRUE(cache_.upsert(entry("A", 1)));
  const auto writes = db_.writes();
  ASSERT_TRUE(cache_.find("A"));
  ASSERT_TRUE(cache_.find("Z"));
  EXPECT_EQ(db_.writes(), writes);
  EXPECT_FALSE(*cache_.touch("Z", 2));
  EXPECT_EQ(db_.writes(), writes);
}

TEST_F(AuthCacheTest, UpsertAndEvictionAreOneCommit) {
  for (const char* tag : {"A", "B", "C"}) ASSERT_TRUE(cache_.upsert(entry(tag, 1)));
  const auto commits = db_.commits();
  ASSERT_EQ(*cache_.upsert(entry("D", 2)), 1u);
  EXPECT_EQ(db_.commits(), commits + 1);
}

TEST_F(AuthCacheTest, EraseClearAndSize) {
  ASSERT_TRUE(cache_.upsert(entry("A", 1)));
  ASSERT_TRUE(cache_.upsert(entry("B", 1)));
  EXPECT_EQ(*cache_.size(), 2u);
  EXPECT_TRUE(*cache_.erase("a"));
  EXPECT_FALSE(*cache_.erase("A"));
  EXPECT_EQ(*cache_.size(), 1u);
  ASSERT_TRUE(cache_.clear());
  EXPECT_EQ(*cache_.size(), 0u);
  EXPECT_EQ(*cache_.find("B"), std::nullopt);
}

TEST_F(AuthCacheTest, BadInputIsRefused) {
  const std::string too_long(21, 'X');
  EXPECT_EQ(cache_.upsert(entry(too_long, 1)).error().kind, ErrorKind::InvalidArgument);
  EXPECT_EQ(cache_.upsert(entry("", 1)).error().kind, ErrorKind::InvalidArgument);
  EXPECT_EQ(cache_.upsert(entry("A", 1, "")).error().kind, ErrorKind::InvalidArgument);
  EXPECT_EQ(cache_.upsert(AuthCacheEntry{"A", "Accepted", std::nullopt, too_long, 1}).error().kind,
            ErrorKind::InvalidArgument);
  EXPECT_EQ(cache_.find(too_long).error().kind, ErrorKind::InvalidArgument);
  EXPECT_EQ(*cache_.size(), 0u);
  EXPECT_TRUE(cache_.upsert(entry(std::string(20, 'X'), 1)));
}

TEST(AuthCacheCapacity, DefaultsToFiveHundred) {
  auto db = *Database::open_in_memory(chargepoint::store::chargepoint_open_options());
  AuthCacheRepository cache(db);
  EXPECT_EQ(cache.capacity(), 500u);
  for (int i = 0; i < 501; ++i) {
    auto evicted = cache.upsert(entry("TAG" + std::to_string(i), i));
    ASSERT_TRUE(evicted) << evicted.error().message;
    EXPECT_EQ(*evicted, i < 500 ? 0u : 1u);
  }
  EXPECT_EQ(*cache.size(), 500u);
  EXPECT_EQ(*cache.find("TAG0"), std::nullopt);
  EXPECT_NE(*cache.find("TAG1"), std::nullopt);
}

TEST(AuthCacheCapacity, ASmallerCapacityShrinksTheCacheOnTheNextUpsert) {
  auto db = *Database::open_in_memory(chargepoint::store::chargepoint_open_options());
  {
    AuthCacheRepository large(db, 10);
    for (int i = 0; i < 10; ++i) ASSERT_TRUE(large.upsert(entry("T" + std::to_string(i), i)));
  }
  AuthCacheRepository small(db, 4);
  EXPECT_EQ(*small.upsert(entry("NEW", 99)), 7u);
  EXPECT_EQ(*small.size(), 4u);
  EXPECT_NE(*small.find("T9"), std::nullopt);
  EXPECT_EQ(*small.find("T6"), std::nullopt);
}

}  // namespace
