// csms-lite's answers to charge-point-initiated messages, through the real Router (so both the
// request and our response are checked against the official schemas) and a real in-memory database.
#include <gtest/gtest.h>

#include "../store/csms_store_support.hpp"
#include "features/charge_point_messages.hpp"

namespace {

using namespace csms;
using nlohmann::json;
using namespace std::chrono_literals;

class ChargePointMessagesTest : public ::testing::Test {
 protected:
  ChargePointMessagesTest() {
    record.id = "eo-1";
    EXPECT_TRUE(world.store->charge_points.insert_if_missing("eo-1", "Accepted", std::nullopt, 0));
    register_charge_point_messages(
        router, MessageContext{record, *world.store, world.clock, settings,
                               [this](const json& event) { events.push_back(event); },
                               [this] { ++booted; }});
  }

  json ok(const std::string& action, const json& payload) {
    auto outcome = router.dispatch(action, payload);
    EXPECT_TRUE(outcome.ok()) << action << ": "
                              << (outcome.ok() ? "" : outcome.error().description);
    return outcome.ok() ? outcome.value() : json();
  }
  std::vector<std::string> event_types() const {
    std::vector<std::string> types;
    for (const auto& event : events) types.push_back(event.at("type"));
    return types;
  }

  csms_test::World world;
  ChargePointRecord record;
  CentralSystemSettings settings{120s, 30s, UnknownIdTags::Invalid};
  ocpp::Router router;
  std::vector<json> events;
  int booted = 0;
};

TEST_F(ChargePointMessagesTest, BootIsAnsweredPerRegistrationAndStored) {
  const json boot = {{"chargePointVendor", "EO"}, {"chargePointModel", "Mini Pro 2"}};
  auto answer = ok("BootNotification", boot);
  EXPECT_EQ(answer.at("status"), "Accepted");
  EXPECT_EQ(answer.at("interval"), 120);
  EXPECT_EQ(booted, 1);
  ASSERT_TRUE(record.boot);
  EXPECT_EQ(record.boot->chargePointModel, "Mini Pro 2");
  EXPECT_EQ((*world.store->charge_points.find("eo-1"))->boot_json, boot.dump());

  record.registration = Registration::Pending;
  answer = ok("BootNotification", boot);
  EXPECT_EQ(answer.at("status"), "Pending");
  EXPECT_EQ(answer.at("interval"), 30);  // when to ask again
  EXPECT_EQ(booted, 2);                  // Pending: the configuration may still be read

  record.registration = Registration::Rejected;
  EXPECT_EQ(ok("BootNotification", boot).at("status"), "Rejected");
  EXPECT_EQ(booted, 2);
}

TEST_F(ChargePointMessagesTest, StatusAndHeartbeatUpdateTheStateAndTheBuffer) {
  ok("StatusNotification", {{"connectorId", 1}, {"errorCode", "NoError"}, {"status", "Preparing"}});
  ok("StatusNotification", {{"connectorId", 1}, {"errorCode", "NoError"}, {"status", "Preparing"}});
  EXPECT_EQ(record.connectors.at(1).status, "Preparing");
  EXPECT_EQ(event_types(), std::vector<std::string>{"StatusChanged"});  // only a change is an event
  const auto beat = ok("Heartbeat", json::object());
  EXPECT_TRUE(beat.contains("currentTime"));
  EXPECT_TRUE(record.last_heartbeat);
  EXPECT_EQ(world.store->buffer.pending_rows(),
            2U);  // the connector and last-seen, not yet written
  ASSERT_TRUE(world.store->buffer.flush());
  EXPECT_EQ(world.store->connectors.for_charge_point("eo-1")->at(0).status, "Preparing");
}

TEST_F(ChargePointMessagesTest, AuthorizeUsesTheIdTagTable) {
  const auto now_ms = csms_test::ms_at(world.clock.now());
  ASSERT_TRUE(world.store->id_tags.put({"GOOD", "Accepted", now_ms + 3600'000, "HOUSE", now_ms}));
  ASSERT_TRUE(world.store->id_tags.put({"OLD", "Accepted", now_ms - 1, std::nullopt, now_ms}));
  ASSERT_TRUE(world.store->id_tags.put({"STOLEN", "Blocked", std::nullopt, std::nullopt, now_ms}));
  auto status = [&](const std::string& tag) {
    return ok("Authorize", {{"idTag", tag}}).at("idTagInfo").at("status");
  };
  EXPECT_EQ(status("GOOD"), "Accepted");
  EXPECT_EQ(ok("Authorize", {{"idTag", "good"}}).at("idTagInfo").at("parentIdTag"), "HOUSE");
  EXPECT_EQ(status("OLD"), "Expired");
  EXPECT_EQ(status("STOLEN"), "Blocked");
  EXPECT_EQ(status("NOBODY"), "Invalid");
  settings.unknown_id_tags = UnknownIdTags::Accept;
  EXPECT_EQ(status("NOBODY"), "Accepted");
  EXPECT_EQ(status("STOLEN"), "Blocked");  // the table still wins
}

TEST_F(ChargePointMessagesTest, TransactionsAreStoredAndStopsAreAlwaysAnswered) {
  ASSERT_TRUE(world.store->id_tags.put({"TAG", "Accepted", std::nullopt, std::nullopt, 0}));
  const json start = {{"connectorId", 1},
                      {"idTag", "TAG"},
                      {"meterStart", 1000},
                      {"timestamp", "2026-11-22T05:00:00Z"}};
  const auto first = ok("StartTransaction", start);
  EXPECT_EQ(first.at("idTagInfo").at("status"), "Accepted");
  const auto id = first.at("transactionId").get<int>();
  // The same StartTransaction again (its answer was lost, OCPP 1.6 §4.10): the same transaction.
  const auto again = ok("StartTransaction", start);
  EXPECT_EQ(again.at("transactionId").get<int>(), id);
  EXPECT_EQ(again.at("idTagInfo").at("status"), "Accepted");
  EXPECT_EQ(world.store->transactions.open_for("eo-1")->size(), 1U);
  // Another start (a later time) is another transaction.
  auto later = start;
  later["timestamp"] = "2026-11-22T05:00:01Z";
  const auto other = ok("StartTransaction", later).at("transactionId").get<int>();
  EXPECT_NE(other, id);
  EXPECT_EQ(record.connectors.at(1).transaction_id, other);

  const json stop = {
      {"transactionId", id},
      {"idTag", "TAG"},
      {"meterStop", 4000},
      {"timestamp", "2026-11-22T06:00:00Z"},
      {"reason", "EVDisconnected"},
      {"transactionData", json::array({{{"timestamp", "2026-11-22T06:00:00Z"},
                                        {"sampledValue", json::array({{{"value", "4000"}}})}}})}};
  EXPECT_EQ(ok("StopTransaction", stop).at("idTagInfo").at("status"), "Accepted");
  const auto stored = **world.store->transactions.find(id);
  EXPECT_EQ(stored.meter_stop_wh, 4000);
  EXPECT_EQ(stored.stop_reason, "EVDisconnected");
  EXPECT_EQ(world.store->buffer.pending_samples().size(),
            1U);  // transactionData, with the transaction's id
  EXPECT_EQ(world.store->buffer.pending_samples()[0].transaction_id, id);

  // -1 and an unknown id: answered normally (OCPP 1.6 §5.17), never an error, kept as orphans.
  EXPECT_FALSE(ok("StopTransaction",
                  {{"transactionId", -1}, {"meterStop", 10}, {"timestamp", "2026-11-22T06:00:00Z"}})
                   .contains("idTagInfo"));
  ok("StopTransaction", {{"transactionId", 99999},
                         {"idTag", "TAG"},
                         {"meterStop", 10},
                         {"timestamp", "2026-11-22T06:00:00Z"}});
  EXPECT_EQ(world.store->transactions.orphan_stops("eo-1")->size(), 2U);
  EXPECT_EQ(event_types(), (std::vector<std::string>{"TransactionStarted", "TransactionStarted",
                                                     "TransactionStopped"}));
}

TEST_F(ChargePointMessagesTest, MeterValuesUpdateReadingsAndAreBuffered) {
  const json values = {
      {"connectorId", 1},
      {"transactionId", 5},
      {"meterValue",
       json::array(
           {{{"timestamp", "2026-11-22T06:00:10Z"},
             {"sampledValue",
              json::array(
                  {{{"value", "15.9"},
                    {"measurand", "Current.Import"},
                    {"phase", "L1"},
                    {"unit", "A"}},
                   {{"value", "16.2"},
                    {"measurand", "Current.Import"},
                    {"phase", "L2"},
                    {"unit", "A"}},
                   {{"value", "11.0"}, {"measurand", "Power.Active.Import"}, {"unit", "kW"}},
                   {{"value", "230.1"}, {"measurand", "Voltage"}, {"phase", "L1-N"}, {"unit", "V"}},
                   {{"value", "31.5"},
                    {"measurand", "Current.Import"},
                    {"phase", "L1"},
                    {"location", "Inlet"},
                    {"unit", "A"}},
                   {{"value", "123456"}}})}}})}};
  ok("MeterValues", values);
  const auto& connector = record.connectors.at(1);
  EXPECT_DOUBLE_EQ(connector.readings.at("Current.Import.L2").value, 16.2);
  EXPECT_DOUBLE_EQ(connector.ct_readings.at("Current.Import.L1").value, 31.5);
  EXPECT_DOUBLE_EQ(connector.readings.at("Energy.Active.Import.Register").value, 123456);
  ASSERT_EQ(world.store->buffer.pending_samples().size(), 6U);
  EXPECT_EQ(world.store->buffer.pending_samples()[4].measurand, "Current.Import@Inlet");
  EXPECT_EQ(world.store->buffer.pending_samples()[0].value_milli, 15900);
  EXPECT_EQ(record.last_meter_values.at("transactionId"), 5);
}

TEST_F(ChargePointMessagesTest, OfferedLimitReportsAreParsedAndOthersStored) {
  const json offered = {
      {"vendorId", "org.eo-ocpp"},
      {"messageId", "OfferedLimit"},
      {"data", R"({"connectorId":1,"limit_a":16.0,"source":"TxDefault","phases":3})"}};
  EXPECT_EQ(ok("DataTransfer", offered).at("status"), "Accepted");
  ASSERT_TRUE(record.connectors.at(1).offered);
  EXPECT_EQ(record.connectors.at(1).offered->source, "TxDefault");
  EXPECT_EQ(record.connectors.at(1).offered->phases, 3);
  EXPECT_EQ(ok("DataTransfer", offered).at("status"), "Accepted");
  EXPECT_EQ(event_types(),
            std::vector<std::string>{"OfferedLimitChanged"});  // the same limit again is no event

  const json broken = {
      {"vendorId", "org.eo-ocpp"}, {"messageId", "OfferedLimit"}, {"data", R"({"connectorId":1})"}};
  const auto answer = ok("DataTransfer", broken);
  EXPECT_EQ(answer.at("status"), "Rejected");
  EXPECT_EQ(answer.at("data"), "limit_a must be a number of amperes from 0 to 1000");
  EXPECT_EQ(ok("DataTransfer", {{"vendorId", "org.eo-ocpp"}, {"messageId", "Other"}}).at("status"),
            "UnknownMessageId");
  EXPECT_EQ(ok("DataTransfer", {{"vendorId", "x"}}).at("status"), "UnknownVendorId");
  ASSERT_TRUE(world.store->buffer.flush());
  EXPECT_EQ(world.store->events.page("eo-1", "DataTransfer", std::nullopt, 10)->size(), 5U);
}

TEST_F(ChargePointMessagesTest, EveryChargePointInitiatedActionIsAnswered) {
  for (const auto& action : router.registry().actions()) {
    const auto initiator = router.registry().initiator(action);
    if (initiator == ocpp::schema::Initiator::CentralSystem) continue;
    EXPECT_TRUE(router.handles(action)) << action;
  }
  EXPECT_EQ(ok("SecurityEventNotification",
               {{"type", "FirmwareUpdated"}, {"timestamp", "2026-11-22T06:00:00Z"}}),
            json::object());
  ok("DiagnosticsStatusNotification", {{"status", "Uploaded"}});
  ok("FirmwareStatusNotification", {{"status", "Installed"}});
  EXPECT_EQ(ok("SignCertificate", {{"csr", "-----BEGIN CERTIFICATE REQUEST-----"}}).at("status"),
            "Rejected");
  ASSERT_TRUE(world.store->buffer.flush());
  EXPECT_EQ(world.store->events.page("eo-1", "", std::nullopt, 10)->size(), 3U);
}

TEST_F(ChargePointMessagesTest, SchemaViolationsNeverReachTheHandlers) {
  const auto outcome = router.dispatch(
      "StatusNotification", {{"connectorId", 1}, {"errorCode", "NoError"}, {"status", "Sleeping"}});
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.error().code, ocpp::rpc::ErrorCode::PropertyConstraintViolation);
  EXPECT_TRUE(record.connectors.empty());
}

}  // namespace
