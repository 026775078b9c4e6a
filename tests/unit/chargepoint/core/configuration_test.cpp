#include <gtest/gtest.h>

#include "domain/meter_measurands.hpp"

#include "domain/configuration_store.hpp"
#include "features/core/configuration_handlers.hpp"

namespace {

using namespace chargepoint;
using namespace chargepoint::core;
using namespace ocpp::messages;

TEST(ConfigurationStore, EveryKeyHasAValidDefault) {
  ConfigurationStore store;
  for (const auto& key : configuration_keys()) {
    const auto value = store.get(key.name);
    ASSERT_TRUE(value) << key.name;
    EXPECT_FALSE(ConfigurationStore::check_value(key, *value)) << key.name << " = " << *value;
  }
}

TEST(ConfigurationStore, ChangeFollowsTypesAndAccess) {
  ConfigurationStore store;
  EXPECT_EQ(store.change("HeartbeatInterval", "120"), ChangeResult::Accepted);
  EXPECT_EQ(store.get_int("HeartbeatInterval"), 120);
  EXPECT_EQ(store.change("HeartbeatInterval", "-1"), ChangeResult::Rejected);
  EXPECT_EQ(store.change("HeartbeatInterval", "12s"), ChangeResult::Rejected);
  EXPECT_EQ(store.change("HeartbeatInterval", ""), ChangeResult::Rejected);
  EXPECT_EQ(store.change("HeartbeatInterval", "99999999999999999999"), ChangeResult::Rejected);
  EXPECT_EQ(store.get_int("HeartbeatInterval"), 120);
  EXPECT_EQ(store.change("NumberOfConnectors", "2"), ChangeResult::Rejected);
  EXPECT_EQ(store.change("NoSuchKey", "1"), ChangeResult::NotSupported);
  EXPECT_EQ(store.change("LocalPreAuthorize", "TRUE"), ChangeResult::Accepted);
  EXPECT_TRUE(store.get_bool("LocalPreAuthorize"));
  EXPECT_EQ(store.get("LocalPreAuthorize"), "true");
  EXPECT_EQ(store.change("LocalPreAuthorize", "yes"), ChangeResult::Rejected);
}

TEST(ConfigurationStore, MeasurandListsAreRejectedAsAWholeWhenOneIsUnsupported) {
  ConfigurationStore store;
  EXPECT_EQ(store.change("MeterValuesSampledData", "Voltage,Current.Import"),
            ChangeResult::Accepted);
  EXPECT_EQ(store.change("MeterValuesSampledData", "Voltage,Energy.Reactive.Export.Register"),
            ChangeResult::Rejected);
  EXPECT_EQ(store.change("MeterValuesSampledData", "Voltage,Voltage"), ChangeResult::Rejected);
  EXPECT_EQ(store.change("MeterValuesSampledData", "Voltage,"), ChangeResult::Rejected);
  EXPECT_EQ(store.get("MeterValuesSampledData"), "Voltage,Current.Import");
  EXPECT_EQ(store.change("MeterValuesSampledData", ""), ChangeResult::Accepted);
}

TEST(ConfigurationStore, ListenersSeeOnlyRealChanges) {
  ConfigurationStore store;
  std::vector<std::string> seen;
  store.on_change([&](std::string_view key, const std::string& value) {
    seen.push_back(std::string(key) + "=" + value);
  });
  store.change("HeartbeatInterval", "300");  // the default: no change
  store.change("HeartbeatInterval", "60");
  store.change("HeartbeatInterval", "bad");
  EXPECT_EQ(seen, (std::vector<std::string>{"HeartbeatInterval=60"}));
}

TEST(GetConfiguration, AllKeysExceptWriteOnlyOnes) {
  ConfigurationStore store;
  store.set_internal("AuthorizationKey", "secret");
  const auto response = get_configuration(store, GetConfigurationRequest{});
  ASSERT_TRUE(response.configurationKey);
  EXPECT_FALSE(response.unknownKey);
  for (const auto& entry : *response.configurationKey) {
    EXPECT_NE(entry.key, "AuthorizationKey");
    EXPECT_TRUE(entry.value) << entry.key;
  }
  EXPECT_EQ(response.configurationKey->size(), configuration_keys().size() - 1);
}

TEST(GetConfiguration, RequestedKeysAndUnknownOnes) {
  ConfigurationStore store;
  store.set_internal("AuthorizationKey", "secret");
  const auto response =
      get_configuration(store, GetConfigurationRequest{std::vector<std::string>{
                                   "NumberOfConnectors", "Nope", "AuthorizationKey"}});
  ASSERT_TRUE(response.configurationKey);
  ASSERT_EQ(response.configurationKey->size(), 2U);
  EXPECT_EQ((*response.configurationKey)[0], (KeyValue{"NumberOfConnectors", true, "1"}));
  EXPECT_EQ((*response.configurationKey)[1], (KeyValue{"AuthorizationKey", false, std::nullopt}));
  EXPECT_EQ(response.unknownKey, (std::vector<std::string>{"Nope"}));
}

TEST(ChangeConfiguration, MapsEveryResult) {
  ConfigurationStore store;
  EXPECT_EQ(change_configuration(store, {"HeartbeatInterval", "30"}).status,
            ConfigurationStatus::Accepted);
  EXPECT_EQ(change_configuration(store, {"HeartbeatInterval", "x"}).status,
            ConfigurationStatus::Rejected);
  EXPECT_EQ(change_configuration(store, {"Nope", "1"}).status, ConfigurationStatus::NotSupported);
  EXPECT_EQ(change_configuration(store, {"AuthorizationKey", std::string(41, 'a')}).status,
            ConfigurationStatus::Rejected);
  EXPECT_EQ(change_configuration(store, {"AuthorizationKey", "0123456789abcdef"}).status,
            ConfigurationStatus::Accepted);
}

}  // namespace

TEST(ConfigurationKeys, SupportedMeasurandsAreExactlyWhatTheMeterCanBuild) {
  std::vector<std::string_view> built;
  for (auto m : chargepoint::meter_measurands()) built.push_back(ocpp::messages::to_string(m));
  const auto supported = chargepoint::supported_measurands();
  EXPECT_EQ(std::vector<std::string_view>(supported.begin(), supported.end()), built);
}
