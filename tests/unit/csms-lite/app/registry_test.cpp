#include <gtest/gtest.h>

#include "registry/charge_point_registry.hpp"

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

TEST(ChargePointRegistry, RegisterPolicyAddsUnknownChargePoints) {
  ChargePointRegistry registry(UnknownChargePoints::Register);
  EXPECT_EQ(registry.admit("new-one", std::nullopt), Admission::Accepted);
  ASSERT_NE(registry.find("new-one"), nullptr);
  EXPECT_FALSE(registry.find("new-one")->password);
}

TEST(ChargePointRegistry, AnEntryWithoutIdIsAnError) {
  ChargePointRegistry registry(UnknownChargePoints::Reject);
  EXPECT_THROW(registry.add_known("ok, :secret"), std::invalid_argument);
}

}  // namespace
