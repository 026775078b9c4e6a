// ProfileBook on its own: what a restart keeps.
#include <gtest/gtest.h>

#include "features/smart_charging/profile_book.hpp"
#include "memory_ports.hpp"
#include "ocpp_world.hpp"

namespace {

using namespace std::chrono_literals;
using chargepoint::limits::InstalledProfile;
using chargepoint::smart_charging::ProfileBook;
namespace msg = ocpp::messages;

InstalledProfile installed(int id, int connector_id, msg::ChargingProfilePurpose purpose) {
  InstalledProfile p;
  p.connector_id = connector_id;
  p.profile.chargingProfileId = id;
  p.profile.chargingProfilePurpose = purpose;
  p.profile.chargingProfileKind = msg::ChargingProfileKind::Relative;
  p.profile.chargingSchedule.chargingSchedulePeriod = {{0, 10, std::nullopt}};
  p.received_at = test_support::k_test_start;
  return p;
}

TEST(ProfileBook, ARestartWithoutATransactionDropsTxProfilesAndExpiredOnes) {
  test_support::MemoryChargingProfiles store;
  store.put(installed(1, 0, msg::ChargingProfilePurpose::ChargePointMaxProfile));
  store.put(installed(2, 1, msg::ChargingProfilePurpose::TxProfile));
  auto expired = installed(3, 0, msg::ChargingProfilePurpose::TxDefaultProfile);
  expired.profile.validTo = ocpp::DateTime(
      std::chrono::time_point_cast<std::chrono::milliseconds>(test_support::k_test_start + 1h));
  store.put(expired);

  ProfileBook book(store);
  book.load(test_support::k_test_start + 30min, true);
  EXPECT_EQ(book.profiles().size(), 3U);
  EXPECT_EQ(book.next_expiry(test_support::k_test_start + 30min), test_support::k_test_start + 1h);
  book.load(test_support::k_test_start + 2h, false);
  ASSERT_EQ(book.profiles().size(), 1U);
  EXPECT_EQ(book.profiles()[0].profile.chargingProfileId, 1);
  EXPECT_EQ(store.profiles.size(), 1U);  // removed from the store too
}

}  // namespace
