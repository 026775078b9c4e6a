// The charging profiles in SQLite (migration 2, ChargingProfileRepository) through the daemon's
// adapter: what goes in comes back, received_at included, on a real :memory: database.
#include <gtest/gtest.h>

#include "app/store_ports.hpp"
#include "ocpp/types/datetime.hpp"
#include "store/migrations.hpp"
#include "store/sqlite.hpp"

namespace {

using namespace std::chrono_literals;
using chargepoint::limits::InstalledProfile;
namespace msg = ocpp::messages;

// Millisecond precision, as the store keeps it.
const common::WallTime k_received =
    std::chrono::sys_days{std::chrono::year{2026} / 3 / 29} + std::chrono::milliseconds(3723456);

TEST(ChargingProfileStore, RoundTripReplaceAndRemove) {
  auto db = chargepoint::store::Database::open(":memory:",
                                               chargepoint::store::chargepoint_open_options());
  ASSERT_TRUE(db.ok()) << db.error().message;
  chargepoint::StorePorts ports(db.value());
  auto& store = ports.charging_profiles();

  InstalledProfile ha;
  ha.connector_id = 0;
  ha.profile.chargingProfileId = 8;
  ha.profile.stackLevel = 8;
  ha.profile.chargingProfilePurpose = msg::ChargingProfilePurpose::ChargePointMaxProfile;
  ha.profile.chargingProfileKind = msg::ChargingProfileKind::Relative;
  ha.profile.chargingSchedule.chargingSchedulePeriod = {{0, 13.5, 1}};
  ha.received_at = k_received;
  store.put(ha);

  auto loaded = store.load();
  ASSERT_EQ(loaded.size(), 1U);
  EXPECT_EQ(loaded[0].profile, ha.profile);
  EXPECT_EQ(loaded[0].connector_id, 0);
  EXPECT_EQ(loaded[0].received_at, ha.received_at);

  ha.profile.chargingSchedule.chargingSchedulePeriod[0].limit = 6;
  ha.profile.validTo =
      ocpp::DateTime(std::chrono::time_point_cast<std::chrono::milliseconds>(k_received + 1h));
  store.put(ha);
  loaded = store.load();
  ASSERT_EQ(loaded.size(), 1U);
  EXPECT_EQ(loaded[0].profile, ha.profile);

  store.remove(8);
  EXPECT_TRUE(store.load().empty());
}

}  // namespace
