#include <gtest/gtest.h>

#include "registry/charge_point_registry.hpp"
#include "registry/password_hash.hpp"

namespace {

using namespace csms;

TEST(ChargePointRegistry, KnownListWithAndWithoutPasswords) {
  ChargePointRegistry registry(UnknownChargePoints::Reject);
  registry.add_known(" eo-1:secret , eo-2,, eo-3:pass:with:colons ");
  EXPECT_EQ(registry.admit("eo-1", "secret"), Admission::Accepted);
  EXPECT_EQ(registry.admit("eo-1", "Secret"), Admission::WrongPassword);
  EXPECT_EQ(registry.admit("eo-1", std::nullopt), Admission::WrongPassword);
  EXPECT_EQ(registry.admit("eo-1", "secre"), Admission::WrongPassword);
  EXPECT_EQ(registry.admit("eo-2", std::nullopt), Admission::Accepted);
  EXPECT_EQ(registry.admit("eo-3", "pass:with:colons"), Admission::Accepted);
  EXPECT_EQ(registry.admit("stranger", std::nullopt), Admission::Unknown);
  EXPECT_EQ(registry.all().size(), 3U);
}

TEST(ChargePointRegistry, AcceptPolicyAddsUnknownChargePoints) {
  ChargePointRegistry registry(UnknownChargePoints::Accept);
  EXPECT_EQ(registry.admit("new-one", std::nullopt), Admission::Accepted);
  ASSERT_NE(registry.find("new-one"), nullptr);
  EXPECT_FALSE(registry.find("new-one")->password_hash);
}

TEST(ChargePointRegistry, AnEntryWithoutIdIsAnError) {
  ChargePointRegistry registry(UnknownChargePoints::Reject);
  EXPECT_THROW(registry.add_known("ok, :secret"), std::invalid_argument);
}

}  // namespace

namespace {

using namespace csms;

TEST(ChargePointRegistry, PendingPolicyHoldsUnknownChargePoints) {
  ChargePointRegistry registry(UnknownChargePoints::Pending);
  bool added = false;
  EXPECT_EQ(registry.admit("new-one", std::nullopt, &added), Admission::Accepted);
  EXPECT_TRUE(added);
  EXPECT_EQ(registry.find("new-one")->registration, Registration::Pending);
  EXPECT_EQ(registry.admit("new-one", std::nullopt, &added), Admission::Accepted);
  EXPECT_FALSE(added);
}

TEST(PasswordHash, VerifiesOnlyTheRightPasswordAndReadableHashes) {
  const auto hash = hash_password("secret-key-16byte");
  EXPECT_TRUE(hash.starts_with("pbkdf2-sha256$"));
  EXPECT_NE(hash, hash_password("secret-key-16byte"));  // salted
  EXPECT_TRUE(verify_password("secret-key-16byte", hash));
  EXPECT_FALSE(verify_password("secret-key-16bytf", hash));
  EXPECT_FALSE(verify_password("secret-key-16byte", "plain"));
  EXPECT_FALSE(verify_password("secret-key-16byte", "pbkdf2-sha256$0$00$00"));
  EXPECT_FALSE(
      verify_password("secret-key-16byte", "pbkdf2-sha256$1000$zz$" + std::string(64, '0')));
}

}  // namespace
