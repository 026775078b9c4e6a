// The registry: all 39 OCPP 1.6J actions (core + security whitepaper), who initiates each, and
// every erratum checked on the effective schema rather than on the patch code.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "ocpp/schema/registry.hpp"

namespace {

using nlohmann::json;
using ocpp::rpc::ErrorCode;
using ocpp::schema::Initiator;
using ocpp::schema::MessageKind;
using ocpp::schema::Registry;

const Registry& registry() {
  return Registry::instance();
}

std::optional<ocpp::schema::ValidationError> request(const char* action,
                                                     const std::string& payload) {
  return registry().validate(action, MessageKind::Request, json::parse(payload));
}
std::optional<ocpp::schema::ValidationError> response(const char* action,
                                                      const std::string& payload) {
  return registry().validate(action, MessageKind::Response, json::parse(payload));
}

void expect_error(const std::optional<ocpp::schema::ValidationError>& error, ErrorCode code,
                  const std::string& path) {
  ASSERT_TRUE(error.has_value()) << "expected " << ocpp::rpc::to_string(code) << " at " << path;
  EXPECT_EQ(ocpp::rpc::to_string(error->code), ocpp::rpc::to_string(code)) << error->message;
  EXPECT_EQ(error->path, path);
}

const std::vector<std::string> k_charge_point_initiated{"Authorize",
                                                        "BootNotification",
                                                        "DiagnosticsStatusNotification",
                                                        "FirmwareStatusNotification",
                                                        "Heartbeat",
                                                        "MeterValues",
                                                        "StartTransaction",
                                                        "StatusNotification",
                                                        "StopTransaction",
                                                        "SignCertificate",
                                                        "SecurityEventNotification",
                                                        "SignedFirmwareStatusNotification",
                                                        "LogStatusNotification"};

const std::vector<std::string> k_central_system_initiated{"CancelReservation",
                                                          "CertificateSigned",
                                                          "ChangeAvailability",
                                                          "ChangeConfiguration",
                                                          "ClearCache",
                                                          "ClearChargingProfile",
                                                          "DeleteCertificate",
                                                          "ExtendedTriggerMessage",
                                                          "GetCompositeSchedule",
                                                          "GetConfiguration",
                                                          "GetDiagnostics",
                                                          "GetInstalledCertificateIds",
                                                          "GetLocalListVersion",
                                                          "GetLog",
                                                          "InstallCertificate",
                                                          "RemoteStartTransaction",
                                                          "RemoteStopTransaction",
                                                          "ReserveNow",
                                                          "Reset",
                                                          "SendLocalList",
                                                          "SetChargingProfile",
                                                          "SignedUpdateFirmware",
                                                          "TriggerMessage",
                                                          "UnlockConnector",
                                                          "UpdateFirmware"};

TEST(Registry, KnowsExactlyThe39Actions) {
  std::vector<std::string> expected = k_charge_point_initiated;
  expected.insert(expected.end(), k_central_system_initiated.begin(),
                  k_central_system_initiated.end());
  expected.emplace_back("DataTransfer");
  std::sort(expected.begin(), expected.end());
  ASSERT_EQ(expected.size(), 39U);
  EXPECT_EQ(registry().actions(), expected);  // sorted, no response names, nothing else
  for (const auto& action : expected) EXPECT_TRUE(registry().knows(action)) << action;
}

TEST(Registry, DoesNotKnowOtherNames) {
  for (const char* name :
       {"FooBar", "", "heartbeat", "HEARTBEAT", "HeartbeatResponse", "BootNotificationResponse",
        "Heartbeat ", "NotifyReport", "Get15118EVCertificate"}) {
    EXPECT_FALSE(registry().knows(name)) << name;
    EXPECT_FALSE(registry().initiator(name)) << name;
    EXPECT_EQ(registry().find(name, MessageKind::Request), nullptr) << name;
  }
}

TEST(Registry, InitiatorOfEachAction) {
  for (const auto& action : k_charge_point_initiated) {
    EXPECT_EQ(registry().initiator(action), Initiator::ChargePoint) << action;
  }
  for (const auto& action : k_central_system_initiated) {
    EXPECT_EQ(registry().initiator(action), Initiator::CentralSystem) << action;
  }
  EXPECT_EQ(registry().initiator("DataTransfer"), Initiator::Either);
}

TEST(Registry, EveryActionHasARequestAndAResponseSchema) {
  for (const auto& action : registry().actions()) {
    for (const auto kind : {MessageKind::Request, MessageKind::Response}) {
      const json* schema = registry().find(action, kind);
      ASSERT_NE(schema, nullptr) << action;
      EXPECT_TRUE(schema->is_object()) << action;
      EXPECT_EQ(schema->value("type", ""), "object") << action;
    }
  }
}

TEST(Registry, UnknownActionValidatesAsNotImplemented) {
  const auto error = registry().validate("FooBar", MessageKind::Request, json::object());
  ASSERT_TRUE(error);
  EXPECT_EQ(error->code, ErrorCode::NotImplemented);
}

TEST(Registry, ResponsesOfEmptyMessagesAreClosedObjects) {
  EXPECT_FALSE(request("Heartbeat", "{}"));
  expect_error(request("Heartbeat", R"({"x":1})"), ErrorCode::FormationViolation, "x");
  EXPECT_FALSE(response("StatusNotification", "{}"));
}

TEST(Registry, ErratumBootNotificationIntervalIsAnInteger) {
  const std::string base =
      R"({"status":"Accepted","currentTime":"2026-11-22T05:00:00Z","interval":)";
  EXPECT_FALSE(response("BootNotification", base + "300}"));
  EXPECT_FALSE(response("BootNotification", base + "300.0}"));
  expect_error(response("BootNotification", base + "300.5}"), ErrorCode::TypeConstraintViolation,
               "interval");
  expect_error(response("BootNotification", base + R"("300"})"), ErrorCode::TypeConstraintViolation,
               "interval");
  EXPECT_EQ(registry()
                .find("BootNotification", MessageKind::Response)
                ->at("properties")
                .at("interval")
                .at("type"),
            "integer");
}

TEST(Registry, ErratumUpdateFirmwareRetriesAreIntegers) {
  const std::string base =
      R"({"location":"ftp://fw.example.com/eo.bin","retrieveDate":"2026-11-22T05:00:00Z")";
  EXPECT_FALSE(request("UpdateFirmware", base + "}"));
  EXPECT_FALSE(request("UpdateFirmware", base + R"(,"retries":3,"retryInterval":60})"));
  expect_error(request("UpdateFirmware", base + R"(,"retries":2.5})"),
               ErrorCode::TypeConstraintViolation, "retries");
  expect_error(request("UpdateFirmware", base + R"(,"retryInterval":60.5})"),
               ErrorCode::TypeConstraintViolation, "retryInterval");
}

TEST(Registry, ErratumStopTransactionReasonIsOptional) {
  const std::string base =
      R"({"transactionId":7,"timestamp":"2026-11-22T05:00:00Z","meterStop":1200)";
  EXPECT_FALSE(request("StopTransaction", base + "}"));
  EXPECT_FALSE(request("StopTransaction", base + R"(,"reason":"EVDisconnected"})"));
  expect_error(request("StopTransaction", base + R"(,"reason":"Bored"})"),
               ErrorCode::PropertyConstraintViolation, "reason");
  expect_error(
      request("StopTransaction", R"({"transactionId":7,"timestamp":"2026-11-22T05:00:00Z"})"),
      ErrorCode::OccurenceConstraintViolation, "meterStop");
}

TEST(Registry, ErratumBothSpellingsOfCelsiusAreAccepted) {
  const auto meter_values = [](const char* unit) {
    return std::string(
               R"({"connectorId":1,"meterValue":[{"timestamp":"2026-11-22T05:00:00Z","sampledValue":[)") +
           R"({"value":"21.5","measurand":"Temperature","unit":")" + unit + R"("}]}]})";
  };
  EXPECT_FALSE(request("MeterValues", meter_values("Celsius")));
  EXPECT_FALSE(request("MeterValues", meter_values("Celcius")));
  EXPECT_FALSE(request("MeterValues", meter_values("Wh")));
  EXPECT_FALSE(request("MeterValues", meter_values("Fahrenheit")));
  expect_error(request("MeterValues", meter_values("Kelvin")),
               ErrorCode::PropertyConstraintViolation, "meterValue[0].sampledValue[0].unit");

  const std::string stop =
      R"({"transactionId":7,"timestamp":"2026-11-22T05:00:00Z","meterStop":1200,)"
      R"("transactionData":[{"timestamp":"2026-11-22T05:00:00Z","sampledValue":[)";
  EXPECT_FALSE(request("StopTransaction", stop + R"({"value":"40","unit":"Celsius"}]}]})"));
  EXPECT_FALSE(request("StopTransaction", stop + R"({"value":"40","unit":"Celcius"}]}]})"));
}

TEST(Registry, ErratumSendLocalListIdTagInfoRequiresStatus) {
  const std::string base =
      R"({"listVersion":2,"updateType":"Full","localAuthorizationList":[{"idTag":"A"},)";
  EXPECT_FALSE(
      request("SendLocalList", base + R"({"idTag":"B","idTagInfo":{"status":"Blocked"}}]})"));
  expect_error(
      request("SendLocalList",
              base + R"({"idTag":"B","idTagInfo":{"expiryDate":"2026-11-22T05:00:00Z"}}]})"),
      ErrorCode::OccurenceConstraintViolation, "localAuthorizationList[1].idTagInfo.status");
  expect_error(request("SendLocalList", base + R"({"idTag":"B","idTagInfo":"Accepted"}]})"),
               ErrorCode::TypeConstraintViolation, "localAuthorizationList[1].idTagInfo");
}

TEST(Registry, ApplyErrataRefusesASchemaOfAnUnexpectedShape) {
  json no_interval = json::parse(R"({"type":"object","properties":{}})");
  EXPECT_THROW(ocpp::schema::apply_errata("BootNotificationResponse", no_interval),
               std::logic_error);
  json no_required = json::parse(R"({"type":"object","properties":{}})");
  EXPECT_THROW(ocpp::schema::apply_errata("StopTransaction", no_required), std::logic_error);
  json unrelated = json::parse(R"({"type":"object","properties":{"x":{"enum":["Celcius"]}}})");
  EXPECT_NO_THROW(ocpp::schema::apply_errata("Unrelated", unrelated));
  EXPECT_EQ(unrelated["properties"]["x"]["enum"], json::parse(R"(["Celcius","Celsius"])"));
  json correct_only = json::parse(R"({"items":[{"enum":["K","Celsius"]}]})");
  ocpp::schema::apply_errata("Unrelated", correct_only);
  EXPECT_EQ(correct_only["items"][0]["enum"], json::parse(R"(["K","Celsius","Celcius"])"));
  ocpp::schema::apply_errata("Unrelated", correct_only);  // idempotent
  EXPECT_EQ(correct_only["items"][0]["enum"].size(), 3U);
}

TEST(Registry, SecuritySchemasResolveTheirDefinitions) {
  const std::string hash =
      R"({"certificateHashData":{"hashAlgorithm":"SHA256","issuerNameHash":"a",)"
      R"("issuerKeyHash":"b","serialNumber":"c"}})";
  EXPECT_FALSE(request("DeleteCertificate", hash));
  expect_error(request("DeleteCertificate",
                       R"({"certificateHashData":{"hashAlgorithm":"MD5","issuerNameHash":"a",)"
                       R"("issuerKeyHash":"b","serialNumber":"c"}})"),
               ErrorCode::PropertyConstraintViolation, "certificateHashData.hashAlgorithm");
  expect_error(
      request("DeleteCertificate", R"({"certificateHashData":{"hashAlgorithm":"SHA256"}})"),
      ErrorCode::OccurenceConstraintViolation, "certificateHashData.issuerNameHash");
  expect_error(request("DeleteCertificate",
                       R"({"certificateHashData":{"hashAlgorithm":"SHA256","issuerNameHash":)"
                       R"("a","issuerKeyHash":"b","serialNumber":"c","extra":1}})"),
               ErrorCode::FormationViolation, "certificateHashData.extra");
  EXPECT_FALSE(response("DeleteCertificate", R"({"status":"Accepted"})"));
  expect_error(response("DeleteCertificate", R"({"status":"Maybe"})"),
               ErrorCode::PropertyConstraintViolation, "status");
  // An items $ref with minItems.
  expect_error(
      response("GetInstalledCertificateIds", R"({"status":"Accepted","certificateHashData":[]})"),
      ErrorCode::OccurenceConstraintViolation, "certificateHashData");
  expect_error(
      response("GetInstalledCertificateIds",
               R"({"status":"Accepted","certificateHashData":[{"hashAlgorithm":"SHA1"}]})"),
      ErrorCode::OccurenceConstraintViolation, "certificateHashData[0].issuerNameHash");
  // Nested definitions with a date-time inside.
  const std::string firmware =
      R"({"requestId":1,"firmware":{"location":"https://fw","signingCertificate":"c",)"
      R"("signature":"s","retrieveDateTime":)";
  EXPECT_FALSE(request("SignedUpdateFirmware", firmware + R"("2026-11-22T05:00:00Z"}})"));
  expect_error(request("SignedUpdateFirmware", firmware + R"("tomorrow"}})"),
               ErrorCode::PropertyConstraintViolation, "firmware.retrieveDateTime");
}

TEST(Registry, SetChargingProfileReportsTheNestedPeriodPath) {
  const std::string profile =
      R"({"connectorId":1,"csChargingProfiles":{"chargingProfileId":3,"stackLevel":0,)"
      R"("chargingProfilePurpose":"TxDefaultProfile","chargingProfileKind":"Absolute",)"
      R"("chargingSchedule":{"chargingRateUnit":"A","chargingSchedulePeriod":[)";
  EXPECT_FALSE(
      request("SetChargingProfile",
              profile + R"({"startPeriod":0,"limit":16.0},{"startPeriod":60,"limit":8.1}]}}})"));
  expect_error(
      request("SetChargingProfile",
              profile + R"({"startPeriod":0,"limit":16},{"startPeriod":60,"limit":8.15}]}}})"),
      ErrorCode::PropertyConstraintViolation,
      "csChargingProfiles.chargingSchedule.chargingSchedulePeriod[1].limit");
  expect_error(request("SetChargingProfile",
                       profile + R"({"startPeriod":0,"limit":16},{"startPeriod":60}]}}})"),
               ErrorCode::OccurenceConstraintViolation,
               "csChargingProfiles.chargingSchedule.chargingSchedulePeriod[1].limit");
  expect_error(
      request("SetChargingProfile",
              profile + R"({"startPeriod":0,"limit":16},{"startPeriod":60,"limit":"8"}]}}})"),
      ErrorCode::TypeConstraintViolation,
      "csChargingProfiles.chargingSchedule.chargingSchedulePeriod[1].limit");
  expect_error(request("SetChargingProfile", profile + R"({"startPeriod":0.5,"limit":16}]}}})"),
               ErrorCode::TypeConstraintViolation,
               "csChargingProfiles.chargingSchedule.chargingSchedulePeriod[0].startPeriod");
  // Unknown fields are a FormationViolation at any depth: the official OCA schemas close every object
  // (the npm copy we build from leaves nested ones open; the registry closes them again).
  expect_error(request("SetChargingProfile",
                       profile + R"({"startPeriod":0,"limit":16}]},"vendorHint":1}})"),
               ErrorCode::FormationViolation, "csChargingProfiles.vendorHint");
  expect_error(request("SetChargingProfile",
                       profile + R"({"startPeriod":0,"limit":16,"phaseToUse":1}]}}})"),
               ErrorCode::FormationViolation,
               "csChargingProfiles.chargingSchedule.chargingSchedulePeriod[0].phaseToUse");
  expect_error(
      request("SetChargingProfile", profile + R"({"startPeriod":0,"limit":16}]}},"vendorHint":1})"),
      ErrorCode::FormationViolation, "vendorHint");
}

}  // namespace
