// The router: the one place where an incoming CALL's failure becomes a CALLERROR code.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <stdexcept>
#include <string>

#include "ocpp/messages/boot_notification.hpp"
#include "ocpp/messages/heartbeat.hpp"
#include "ocpp/router.hpp"

namespace test_messages {

// A DataTransfer whose `data` must hold a number: the schema (data: string) accepts what this type
// cannot decode, which is the case the router reports as TypeConstraintViolation.
struct NumericDataResponse {
  std::string status = "Accepted";
};
inline void to_json(nlohmann::json& j, const NumericDataResponse& value) {
  j = {{"status", value.status}};
}
inline void from_json(const nlohmann::json& j, NumericDataResponse& value) {
  j.at("status").get_to(value.status);
}

struct NumericDataTransfer {
  static constexpr std::string_view action = "DataTransfer";
  using Response = NumericDataResponse;
  double number = 0;
};
inline void to_json(nlohmann::json& j, const NumericDataTransfer& value) {
  j = {{"vendorId", "eo"}, {"data", std::to_string(value.number)}};
}
inline void from_json(const nlohmann::json& j, NumericDataTransfer& value) {
  value.number =
      nlohmann::json::parse(j.at("data").get<std::string>()).get<double>();  // throws on "abc"
}

}  // namespace test_messages

namespace {

using nlohmann::json;
using ocpp::Outcome;
using ocpp::Router;
using ocpp::rpc::ErrorCode;
using namespace ocpp::messages;

const json k_boot = json::parse(R"({"chargePointVendor":"EO","chargePointModel":"EO Mini Pro 3"})");

HeartbeatResponse heartbeat(const HeartbeatRequest&) {
  return HeartbeatResponse{*ocpp::DateTime::parse("2026-11-22T05:00:00Z")};
}

void expect_error(const Outcome<json>& outcome, ErrorCode code) {
  ASSERT_FALSE(outcome.ok()) << outcome.value().dump();
  EXPECT_EQ(ocpp::rpc::to_string(outcome.error().code), ocpp::rpc::to_string(code))
      << outcome.error().description;
  EXPECT_TRUE(outcome.error().details.is_object());
}

TEST(Router, UnknownActionIsNotImplemented) {
  Router router;
  router.on<HeartbeatRequest>(heartbeat);
  expect_error(router.dispatch("FooBar", json::object()), ErrorCode::NotImplemented);
  expect_error(router.dispatch("", json::object()), ErrorCode::NotImplemented);
  expect_error(router.dispatch("heartbeat", json::object()), ErrorCode::NotImplemented);
  // A handler registered under an unknown name does not make the action known.
  router.on_raw("FooBar", [](const json&) -> Outcome<json> { return json::object(); });
  expect_error(router.dispatch("FooBar", json::object()), ErrorCode::NotImplemented);
}

TEST(Router, UnknownActionDescriptionIsBounded) {
  Router router;
  const auto outcome = router.dispatch(std::string(100000, 'A'), json::object());
  ASSERT_FALSE(outcome.ok());
  EXPECT_LT(outcome.error().description.size(), 200U);
}

TEST(Router, KnownActionWithoutHandlerIsNotSupported) {
  Router router;
  router.on<HeartbeatRequest>(heartbeat);
  expect_error(router.dispatch("Reset", json::parse(R"({"type":"Hard"})")),
               ErrorCode::NotSupported);
  // Even an invalid payload: the action being unsupported is the answer that matters.
  expect_error(router.dispatch("Reset", json::parse(R"({"type":5})")), ErrorCode::NotSupported);
  EXPECT_TRUE(router.handles("Heartbeat"));
  EXPECT_FALSE(router.handles("Reset"));
  router.remove("Heartbeat");
  router.remove("Heartbeat");  // twice is harmless
  EXPECT_FALSE(router.handles("Heartbeat"));
  expect_error(router.dispatch("Heartbeat", json::object()), ErrorCode::NotSupported);
}

TEST(Router, TypedHandlerAnswersWithItsResponse) {
  Router router;
  router.on<HeartbeatRequest>(heartbeat);
  const auto outcome = router.dispatch("Heartbeat", json::object());
  ASSERT_TRUE(outcome.ok()) << outcome.error().description;
  EXPECT_EQ(outcome.value(), json({{"currentTime", "2026-11-22T05:00:00Z"}}));
}

TEST(Router, TypedHandlerSeesTheDecodedRequest) {
  Router router;
  BootNotificationRequest seen;
  router.on<BootNotificationRequest>([&](const BootNotificationRequest& request) {
    seen = request;
    return BootNotificationResponse{RegistrationStatus::Accepted,
                                    *ocpp::DateTime::parse("2026-11-22T05:00:00Z"), 300};
  });
  const auto outcome = router.dispatch("BootNotification", k_boot);
  ASSERT_TRUE(outcome.ok()) << outcome.error().description;
  EXPECT_EQ(seen.chargePointVendor, "EO");
  EXPECT_EQ(seen.chargePointModel, "EO Mini Pro 3");
  EXPECT_FALSE(seen.firmwareVersion);
  EXPECT_EQ(
      outcome.value(),
      json::parse(R"({"status":"Accepted","currentTime":"2026-11-22T05:00:00Z","interval":300})"));
}

TEST(Router, SchemaViolationsGiveTheValidatorsCodeAndField) {
  Router router;
  router.on<BootNotificationRequest>(
      [](const BootNotificationRequest&) -> BootNotificationResponse {
        ADD_FAILURE() << "an invalid request reached the handler";
        return {};
      });
  struct Case {
    const char* payload;
    ErrorCode code;
    const char* field;
  };
  for (
      const auto& c : {
          Case{R"({"chargePointModel":"M"})", ErrorCode::OccurenceConstraintViolation,
               "chargePointVendor"},
          Case{R"({"chargePointVendor":5,"chargePointModel":"M"})",
               ErrorCode::TypeConstraintViolation, "chargePointVendor"},
          Case{R"({"chargePointVendor":"EO","chargePointModel":"M","colour":"red"})",
               ErrorCode::FormationViolation, "colour"},
          Case{
              R"({"chargePointVendor":"EO","chargePointModel":"123456789012345678901234567890123456789012345678901"})",
              ErrorCode::PropertyConstraintViolation, "chargePointModel"},
      }) {
    const auto outcome = router.dispatch("BootNotification", json::parse(c.payload));
    expect_error(outcome, c.code);
    if (!outcome.ok()) {
      EXPECT_EQ(outcome.error().details, json({{"field", c.field}})) << c.payload;
      EXPECT_NE(outcome.error().description.find(c.field), std::string::npos)
          << outcome.error().description;
    }
  }
}

TEST(Router, HandlerExceptionsBecomeInternalError) {
  Router router;
  router.on<HeartbeatRequest>(
      [](const HeartbeatRequest&) -> HeartbeatResponse { throw std::runtime_error("disk full"); });
  const auto outcome = router.dispatch("Heartbeat", json::object());
  expect_error(outcome, ErrorCode::InternalError);
  EXPECT_EQ(outcome.error().description.find("disk full"), std::string::npos)
      << "internals stay internal";

  router.on_raw("Reset", [](const json&) -> Outcome<json> { throw 42; });
  expect_error(router.dispatch("Reset", json::parse(R"({"type":"Soft"})")),
               ErrorCode::InternalError);

  // A json exception from the handler's own code is our bug too, not the peer's type error.
  router.on<BootNotificationRequest>(
      [](const BootNotificationRequest&) -> BootNotificationResponse {
        return json::parse("{}").at("missing").get<BootNotificationResponse>();
      });
  expect_error(router.dispatch("BootNotification", k_boot), ErrorCode::InternalError);
}

TEST(Router, InvalidResponseFromAHandlerIsInternalError) {
  Router router;
  router.on_raw("Heartbeat",
                [](const json&) -> Outcome<json> { return json::object(); });  // no currentTime
  expect_error(router.dispatch("Heartbeat", json::object()), ErrorCode::InternalError);
  router.on_raw("Heartbeat", [](const json&) -> Outcome<json> { return json::array(); });
  expect_error(router.dispatch("Heartbeat", json::object()), ErrorCode::InternalError);
  router.on_raw("Heartbeat", [](const json&) -> Outcome<json> {
    return json({{"currentTime", "2026-11-22T05:00:00Z"}, {"extra", 1}});
  });
  expect_error(router.dispatch("Heartbeat", json::object()), ErrorCode::InternalError);
  router.on_raw("Reset", [](const json&) -> Outcome<json> { return json({{"status", "Maybe"}}); });
  expect_error(router.dispatch("Reset", json::parse(R"({"type":"Soft"})")),
               ErrorCode::InternalError);
}

TEST(Router, HandlerMayAnswerWithACallErrorOfItsChoice) {
  Router router;
  router.on<HeartbeatRequest>([](const HeartbeatRequest&) -> Outcome<HeartbeatResponse> {
    return ocpp::make_error(ErrorCode::SecurityError, "not now", {{"retry", 60}});
  });
  const auto outcome = router.dispatch("Heartbeat", json::object());
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.error(),
            (ocpp::rpc::CallError{ErrorCode::SecurityError, "not now", {{"retry", 60}}}));

  router.on<HeartbeatRequest>([](const HeartbeatRequest& request) -> Outcome<HeartbeatResponse> {
    return heartbeat(request);
  });
  EXPECT_TRUE(router.dispatch("Heartbeat", json::object()).ok());
}

TEST(Router, TypedDecodingFailureIsTypeConstraintViolation) {
  Router router;
  router.on<test_messages::NumericDataTransfer>(
      [](const test_messages::NumericDataTransfer& request) {
        return test_messages::NumericDataResponse{request.number > 0 ? "Accepted" : "Rejected"};
      });
  const auto good =
      router.dispatch("DataTransfer", json::parse(R"({"vendorId":"eo","data":"12.5"})"));
  ASSERT_TRUE(good.ok()) << good.error().description;
  EXPECT_EQ(good.value(), json({{"status", "Accepted"}}));
  expect_error(router.dispatch("DataTransfer", json::parse(R"({"vendorId":"eo","data":"abc"})")),
               ErrorCode::TypeConstraintViolation);
}

TEST(Router, UsesTheRegistryItWasGiven) {
  Router router(ocpp::schema::Registry::instance());
  EXPECT_EQ(&router.registry(), &ocpp::schema::Registry::instance());
}

}  // namespace
