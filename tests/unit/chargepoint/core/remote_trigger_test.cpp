// TriggerMessage (OCPP 1.6 §5.17) and DataTransfer (§5.6), through the router as the central system
// would send them.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "common/manual_timers.hpp"
#include "features/core/data_transfer.hpp"
#include "features/core/remote_trigger.hpp"

namespace {

using chargepoint::core::RemoteTrigger;
using chargepoint::core::TriggerTargets;
using nlohmann::json;

class RemoteTriggerTest : public ::testing::Test {
 protected:
  RemoteTriggerTest() { trigger.register_handlers(router); }

  TriggerTargets targets() {
    TriggerTargets t;
    t.boot_notification = [this] { ran.push_back("boot"); };
    t.heartbeat = [this] { ran.push_back("heartbeat"); };
    t.status_notification = [this](std::optional<int> id) {
      ran.push_back("status " + (id ? std::to_string(*id) : std::string("all")));
    };
    return t;
  }
  std::string trigger_status(const json& payload) {
    auto outcome = router.dispatch("TriggerMessage", payload);
    EXPECT_TRUE(outcome.ok());
    return outcome.ok() ? outcome.value().at("status").get<std::string>() : "";
  }

  std::vector<std::string> ran;
  common::ManualTimers timers;
  ocpp::Router router;
  RemoteTrigger trigger{timers, 1, targets()};
};

TEST_F(RemoteTriggerTest, AnswersFirstAndSendsAfterwards) {
  EXPECT_EQ(trigger_status({{"requestedMessage", "Heartbeat"}}), "Accepted");
  EXPECT_TRUE(ran.empty());
  timers.advance(std::chrono::milliseconds(0));
  EXPECT_EQ(ran, std::vector<std::string>{"heartbeat"});
}

TEST_F(RemoteTriggerTest, StatusNotificationForOneOrAllConnectors) {
  EXPECT_EQ(trigger_status({{"requestedMessage", "StatusNotification"}, {"connectorId", 1}}),
            "Accepted");
  EXPECT_EQ(trigger_status({{"requestedMessage", "StatusNotification"}}), "Accepted");
  timers.advance(std::chrono::milliseconds(0));
  EXPECT_EQ(ran, (std::vector<std::string>{"status 1", "status all"}));
}

TEST_F(RemoteTriggerTest, StatusNotificationOfTheChargePointItself) {
  // Home Assistant's OCPP integration triggers connectors 0..NumberOfConnectors in turn.
  EXPECT_EQ(trigger_status({{"requestedMessage", "StatusNotification"}, {"connectorId", 0}}),
            "Accepted");
  timers.advance(std::chrono::milliseconds(0));
  EXPECT_EQ(ran, std::vector<std::string>{"status 0"});
}

TEST_F(RemoteTriggerTest, UnknownConnectorIsRejected) {
  EXPECT_EQ(trigger_status({{"requestedMessage", "StatusNotification"}, {"connectorId", 2}}),
            "Rejected");
  timers.advance(std::chrono::milliseconds(0));
  EXPECT_TRUE(ran.empty());
}

TEST_F(RemoteTriggerTest, UnsetTargetIsNotImplemented) {
  EXPECT_EQ(trigger_status({{"requestedMessage", "MeterValues"}}), "NotImplemented");
  EXPECT_EQ(trigger_status({{"requestedMessage", "FirmwareStatusNotification"}}), "NotImplemented");
}

TEST_F(RemoteTriggerTest, BadRequestIsASchemaError) {
  auto outcome = router.dispatch("TriggerMessage", {{"requestedMessage", "Coffee"}});
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.error().code, ocpp::rpc::ErrorCode::PropertyConstraintViolation);
}

TEST(DataTransfer, UnknownVendorAndUnknownMessage) {
  ocpp::Router router;
  chargepoint::core::register_data_transfer(router, "org.openeo");
  auto other = router.dispatch("DataTransfer", {{"vendorId", "com.example"}, {"messageId", "x"}});
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(other.value(), json({{"status", "UnknownVendorId"}}));
  auto ours = router.dispatch("DataTransfer",
                              {{"vendorId", "org.openeo"}, {"messageId", "x"}, {"data", "{}"}});
  ASSERT_TRUE(ours.ok());
  EXPECT_EQ(ours.value(), json({{"status", "UnknownMessageId"}}));
}

}  // namespace
