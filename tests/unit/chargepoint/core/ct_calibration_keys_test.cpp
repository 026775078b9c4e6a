// The CT calibration vendor keys (EO_Ct<Channel>Scale / OffsetA): decimals with bounds, changed
// with ChangeConfiguration and reported by GetConfiguration like every other key.
#include <gtest/gtest.h>

#include "domain/configuration_store.hpp"
#include "features/core/configuration_handlers.hpp"

namespace {

using namespace chargepoint;
using namespace ocpp::messages;

constexpr const char* k_scale_keys[] = {"EO_CtSiteScale", "EO_CtVehicleScale", "EO_CtSolarScale"};
constexpr const char* k_offset_keys[] = {"EO_CtSiteOffsetA", "EO_CtVehicleOffsetA",
                                         "EO_CtSolarOffsetA"};

TEST(CtCalibrationKeys, ExistWithNeutralDefaults) {
  ConfigurationStore store;
  for (const auto* key : k_scale_keys) {
    ASSERT_NE(find_key(key), nullptr) << key;
    EXPECT_EQ(find_key(key)->type, KeyType::Decimal);
    EXPECT_EQ(find_key(key)->access, KeyAccess::ReadWrite);
    EXPECT_EQ(store.get(key), "1");
  }
  for (const auto* key : k_offset_keys) EXPECT_EQ(store.get(key), "0") << key;
}

TEST(CtCalibrationKeys, ScaleFromHalfToTwo) {
  ConfigurationStore store;
  EXPECT_EQ(store.change("EO_CtSiteScale", "1.05"), ChangeResult::Accepted);
  EXPECT_EQ(store.get("EO_CtSiteScale"), "1.05");
  EXPECT_EQ(store.change("EO_CtSiteScale", "0.5"), ChangeResult::Accepted);
  EXPECT_EQ(store.change("EO_CtSiteScale", "2"), ChangeResult::Accepted);
  for (const char* bad : {"2.01", "0.49", "-1", "", "abc", "1,05", "1.05A", "1e0", "inf", "nan"})
    EXPECT_EQ(store.change("EO_CtSiteScale", bad), ChangeResult::Rejected) << bad;
  EXPECT_EQ(store.get("EO_CtSiteScale"), "2");
}

TEST(CtCalibrationKeys, OffsetFromMinusTwoToTwoAmps) {
  ConfigurationStore store;
  EXPECT_EQ(store.change("EO_CtSolarOffsetA", "-1.5"), ChangeResult::Accepted);
  EXPECT_EQ(store.change("EO_CtSolarOffsetA", "2.0"), ChangeResult::Accepted);
  EXPECT_EQ(store.change("EO_CtSolarOffsetA", "-2.001"), ChangeResult::Rejected);
  EXPECT_EQ(store.change("EO_CtSolarOffsetA", "3"), ChangeResult::Rejected);
}

TEST(CtCalibrationKeys, ErrorsSayWhatIsExpected) {
  const auto& scale = *find_key("EO_CtVehicleScale");
  EXPECT_EQ(ConfigurationStore::check_value(scale, "2.5").value_or(""), "expected 0.5 to 2");
  EXPECT_EQ(ConfigurationStore::check_value(scale, "x").value_or(""),
            "expected a decimal number such as 1.05");
  const auto& offset = *find_key("EO_CtVehicleOffsetA");
  EXPECT_EQ(ConfigurationStore::check_value(offset, "-3").value_or(""), "expected -2 to 2");
}

TEST(CtCalibrationKeys, ChangesReachListenersAndGetConfiguration) {
  ConfigurationStore store;
  std::vector<std::string> changed;
  store.on_change([&changed](std::string_view key, const std::string& value) {
    changed.push_back(std::string(key) + "=" + value);
  });
  ChangeConfigurationRequest change;
  change.key = "EO_CtVehicleOffsetA";
  change.value = "-0.25";
  EXPECT_EQ(core::change_configuration(store, change).status, ConfigurationStatus::Accepted);
  EXPECT_EQ(changed, std::vector<std::string>{"EO_CtVehicleOffsetA=-0.25"});
  GetConfigurationRequest get;
  get.key = std::vector<std::string>{"EO_CtVehicleOffsetA"};
  const auto response = core::get_configuration(store, get);
  ASSERT_TRUE(response.configurationKey);
  ASSERT_EQ(response.configurationKey->size(), 1u);
  EXPECT_EQ(response.configurationKey->front().value, "-0.25");
  EXPECT_FALSE(response.configurationKey->front().readonly);
}

}  // namespace
