// csms-lite's answers to charge-point-initiated messages, through the real Router (so both the request
// and our response are checked against the official schemas).
#include <gtest/gtest.h>

#include "features/charge_point_messages.hpp"

namespace {

using namespace csms;
using nlohmann::json;

class ChargePointMessagesTest : public ::testing::Test {
 protected:
  ChargePointMessagesTest() {
    record.id = "eo-1";
    register_charge_point_messages(router, record, transactions, settings, [this] { ++booted; });
  }

  json ok(const std::string& action, const json& payload) {
    auto outcome = router.dispatch(action, payload);
    EXPECT_TRUE(outcome.ok()) << action << ": " << (outcome.ok() ? "" : outcome.error().description);
    return outcome.ok() ? outcome.value() : json();
  }

  ChargePointRecord record;
  TransactionIds transactions;
  CentralSystemSettings settings{std::chrono::seconds(120)};
  ocpp::Router router;
  int booted = 0;
};

TEST_F(ChargePointMessagesTest, BootIsAcceptedWithTheConfiguredInterval) {
  const auto answer = ok("BootNotification", {{"chargePointVendor", "EO"}, {"chargePointModel", "Mini Pro 2"}});
  EXPECT_EQ(answer.at("status"), "Accepted");
  EXPECT_EQ(answer.at("interval"), 120);
  EXPECT_EQ(booted, 1);
  ASSERT_TRUE(record.boot);
  EXPECT_EQ(record.boot->chargePointModel, "Mini Pro 2");
}

TEST_F(ChargePointMessagesTest, StatusAndHeartbeatUpdateTheRecord) {
  ok("StatusNotification", {{"connectorId", 1}, {"errorCode", "NoError"}, {"status", "Preparing"}});
  EXPECT_EQ(record.connectors.at(1).status, "Preparing");
  const auto beat = ok("Heartbeat", json::object());
  EXPECT_TRUE(beat.contains("currentTime"));
  EXPECT_TRUE(record.last_heartbeat);
}

TEST_F(ChargePointMessagesTest, TransactionIdsAreUniqueAndStopsAreAlwaysAnswered) {
  const json start = {{"connectorId", 1}, {"idTag", "TAG"}, {"meterStart", 0}, {"timestamp", "2026-11-22T05:00:00Z"}};
  const auto first = ok("StartTransaction", start).at("transactionId").get<int>();
  const auto second = ok("StartTransaction", start).at("transactionId").get<int>();
  EXPECT_NE(first, second);
  // An unknown or -1 transaction id is answered normally (OCPP 1.6 §5.9), never with an error.
  const auto stop = ok("StopTransaction", {{"transactionId", -1}, {"meterStop", 10}, {"timestamp", "2026-11-22T06:00:00Z"}});
  EXPECT_FALSE(stop.contains("idTagInfo"));
  const auto with_tag = ok("StopTransaction", {{"transactionId", 99999}, {"idTag", "TAG"}, {"meterStop", 10},
                                               {"timestamp", "2026-11-22T06:00:00Z"}});
  EXPECT_EQ(with_tag.at("idTagInfo").at("status"), "Accepted");
}

TEST_F(ChargePointMessagesTest, EveryChargePointInitiatedActionIsAnswered) {
  for (const auto& action : router.registry().actions()) {
    const auto initiator = router.registry().initiator(action);
    if (initiator == ocpp::schema::Initiator::CentralSystem) continue;
    EXPECT_TRUE(router.handles(action)) << action;
  }
  EXPECT_EQ(ok("DataTransfer", {{"vendorId", "x"}}).at("status"), "UnknownVendorId");
  EXPECT_EQ(ok("SignCertificate", {{"csr", "-----BEGIN CERTIFICATE REQUEST-----"}}).at("status"), "Rejected");
}

TEST_F(ChargePointMessagesTest, SchemaViolationsNeverReachTheHandlers) {
  const auto outcome = router.dispatch("StatusNotification", {{"connectorId", 1}, {"errorCode", "NoError"}, {"status", "Sleeping"}});
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.error().code, ocpp::rpc::ErrorCode::PropertyConstraintViolation);
  EXPECT_TRUE(record.connectors.empty());
}

}  // namespace
