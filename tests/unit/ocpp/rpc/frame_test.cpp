// OCPP-J framing: every malformed shape with its ParseFailure (whether it is answered, with which
// id and which code), the lenient CALLERROR reading, and serialisation round trips.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>

#include "ocpp/rpc/frame.hpp"

namespace {

using nlohmann::json;
using namespace ocpp::rpc;

ParseFailure failure_of(std::string_view text) {
  auto parsed = parse_message(text);
  if (auto* failure = std::get_if<ParseFailure>(&parsed)) return *failure;
  ADD_FAILURE() << "parsed although malformed: " << text.substr(0, 100);
  return {};
}

Message message_of(std::string_view text) {
  auto parsed = parse_message(text);
  if (auto* message = std::get_if<Message>(&parsed)) return std::move(*message);
  ADD_FAILURE() << "did not parse: " << text.substr(0, 100) << ": "
                << std::get<ParseFailure>(parsed).error.description;
  return Call{};
}

struct Malformed {
  std::string name;
  std::string text;
  bool answer;
  std::string id;
  ErrorCode code;
};

void PrintTo(const Malformed& m, std::ostream* os) {
  *os << m.name;
}

class MalformedFrame : public testing::TestWithParam<Malformed> {};

TEST_P(MalformedFrame, FailsWithTheRightAnswer) {
  const auto& expected = GetParam();
  const auto failure = failure_of(expected.text);
  EXPECT_EQ(failure.answer, expected.answer);
  EXPECT_EQ(failure.message_id, expected.id);
  EXPECT_EQ(to_string(failure.error.code), to_string(expected.code)) << failure.error.description;
  EXPECT_FALSE(failure.error.description.empty());
  EXPECT_TRUE(failure.error.details.is_object());
}

const std::string k_id36(36, 'a');
const std::string k_id37(37, 'a');

INSTANTIATE_TEST_SUITE_P(
    Shapes, MalformedFrame,
    testing::Values(
        // Nothing readable: answered, with the "-1" id other stacks use.
        Malformed{"NotJson", R"([2,"1","Heartbeat",{})", true, "-1", ErrorCode::FormationViolation},
        Malformed{"Garbage", "hello", true, "-1", ErrorCode::FormationViolation},
        Malformed{"Empty", "", true, "-1", ErrorCode::FormationViolation},
        Malformed{"Whitespace", " \n", true, "-1", ErrorCode::FormationViolation},
        Malformed{"EmptyArray", "[]", true, "-1", ErrorCode::FormationViolation},
        Malformed{"Object", "{}", true, "-1", ErrorCode::FormationViolation},
        Malformed{"String", R"("x")", true, "-1", ErrorCode::FormationViolation},
        Malformed{"Number", "2", true, "-1", ErrorCode::FormationViolation},
        Malformed{"Null", "null", true, "-1", ErrorCode::FormationViolation},
        Malformed{"TwoJsonValues", R"([2,"1","Heartbeat",{}][])", true, "-1",
                  ErrorCode::FormationViolation},
        Malformed{"TypeAsString", R"(["2","1","Heartbeat",{}])", true, "-1",
                  ErrorCode::FormationViolation},
        Malformed{"TypeAsFloat", R"([2.0,"1","Heartbeat",{}])", true, "-1",
                  ErrorCode::FormationViolation},
        Malformed{"OnlyType", "[2]", true, "-1", ErrorCode::FormationViolation},
        // Unknown message type: answered with its id when it has a usable one.
        Malformed{"UnknownType", R"([9,"1"])", true, "1", ErrorCode::FormationViolation},
        Malformed{"UnknownTypeNoId", "[5]", true, "-1", ErrorCode::FormationViolation},
        Malformed{"UnknownTypeHugeType", R"([18446744073709551615,"1"])", true, "1",
                  ErrorCode::FormationViolation},
        Malformed{"UnknownTypeLongId", R"([6,")" + k_id37 + R"("])", true, "-1",
                  ErrorCode::FormationViolation},
        // CALLs: answered, with their id once it is readable.
        Malformed{"CallIdNotString", R"([2,1,"Heartbeat",{}])", true, "-1",
                  ErrorCode::FormationViolation},
        Malformed{"CallIdNull", R"([2,null,"Heartbeat",{}])", true, "-1",
                  ErrorCode::FormationViolation},
        Malformed{"CallId37", R"([2,")" + k_id37 + R"(","Heartbeat",{}])", true, "-1",
                  ErrorCode::ProtocolError},
        Malformed{"CallIdEmpty", R"([2,"","Heartbeat",{}])", true, "-1", ErrorCode::ProtocolError},
        Malformed{"CallNoPayload", R"([2,"1","Heartbeat"])", true, "1",
                  ErrorCode::FormationViolation},
        Malformed{"CallActionNotString", R"([2,"1",5,{}])", true, "1",
                  ErrorCode::FormationViolation},
        Malformed{"CallActionNull", R"([2,"1",null,{}])", true, "1", ErrorCode::FormationViolation},
        Malformed{"CallPayloadArray", R"([2,"1","Heartbeat",[]])", true, "1",
                  ErrorCode::FormationViolation},
        Malformed{"CallPayloadNull", R"([2,"1","Heartbeat",null])", true, "1",
                  ErrorCode::FormationViolation},
        Malformed{"CallPayloadString", R"([2,"1","Heartbeat","{}"])", true, "1",
                  ErrorCode::FormationViolation},
        Malformed{"CallExtraElement", R"([2,"1","Heartbeat",{},5])", true, "1",
                  ErrorCode::FormationViolation},
        // Results and errors are never answered.
        Malformed{"ResultTooShort", R"([3,"1"])", false, "1", ErrorCode::FormationViolation},
        Malformed{"ResultTooLong", R"([3,"1",{},{}])", false, "1", ErrorCode::FormationViolation},
        Malformed{"ResultPayloadArray", R"([3,"1",[]])", false, "1", ErrorCode::FormationViolation},
        Malformed{"ResultPayloadNull", R"([3,"1",null])", false, "1",
                  ErrorCode::FormationViolation},
        Malformed{"ResultIdNotString", R"([3,1,{}])", false, "-1", ErrorCode::FormationViolation},
        Malformed{"ResultNoId", "[3]", false, "-1", ErrorCode::FormationViolation},
        Malformed{"ResultId37", R"([3,")" + k_id37 + R"(",{}])", false, "-1",
                  ErrorCode::ProtocolError},
        Malformed{"ErrorTooShort", R"([4,"1","GenericError"])", false, "1",
                  ErrorCode::FormationViolation},
        Malformed{"ErrorTooLong", R"([4,"1","GenericError","",{},{}])", false, "1",
                  ErrorCode::FormationViolation},
        Malformed{"ErrorIdNotString", R"([4,1,"GenericError","",{}])", false, "-1",
                  ErrorCode::FormationViolation},
        // Hostile nesting is refused before it is built (copying or dumping it would recurse per
        // level).
        Malformed{"DeepArrays", std::string(10000, '[') + std::string(10000, ']'), true, "-1",
                  ErrorCode::FormationViolation},
        Malformed{"DeepInPayload",
                  R"([2,"1","DataTransfer",{"vendorId":"x","data":)" + std::string(40, '[') +
                      std::string(40, ']') + "}]",
                  true, "-1", ErrorCode::FormationViolation},
        Malformed{"DeepUnclosed", std::string(100000, '{'), true, "-1",
                  ErrorCode::FormationViolation},
        // nlohmann stops at a NUL as if the input ended there: a frame must not hide bytes behind
        // one.
        Malformed{"NulAfterFrame", std::string(R"([2,"1","Heartbeat",{}])") + '\0', true, "-1",
                  ErrorCode::FormationViolation},
        Malformed{"NulThenGarbage", std::string(R"([2,"1","Heartbeat",{}])") + '\0' + "garbage",
                  true, "-1", ErrorCode::FormationViolation},
        Malformed{"NulInString", std::string(R"([2,"1","Heart)") + '\0' + R"(beat",{}])", true,
                  "-1", ErrorCode::FormationViolation}),
    [](const testing::TestParamInfo<Malformed>& param_info) { return param_info.param.name; });

TEST(Frame, MessageIdOf36CharactersIsAccepted) {
  const auto message = message_of(R"([2,")" + k_id36 + R"(","Heartbeat",{}])");
  EXPECT_EQ(std::get<Call>(message).message_id, k_id36);
}

TEST(Frame, NestingUpToTheLimitIsAccepted) {
  // Frame + payload + 30 arrays = 32 levels; brackets inside strings do not count.
  const std::string frame = R"([2,"1","DataTransfer",{"vendorId":"[[[[{{{{","data":)" +
                            std::string(30, '[') + std::string(30, ']') +
                            R"(,"messageId":"\"[[[["}])";
  const auto message = message_of(frame);
  EXPECT_EQ(std::get<Call>(message).action, "DataTransfer");
}

TEST(Frame, EscapedNulIsAnOrdinaryCharacter) {
  const auto message = message_of(R"([2,"a\u0000b","Heartbeat",{}])");
  EXPECT_EQ(std::get<Call>(message).message_id, std::string("a\0b", 3));
}

TEST(Frame, ParsesACall) {
  const auto message =
      message_of(R"([2, "19223201", "BootNotification", {"chargePointVendor": "EO"}])");
  const auto& call = std::get<Call>(message);
  EXPECT_EQ(call.message_id, "19223201");
  EXPECT_EQ(call.action, "BootNotification");
  EXPECT_EQ(call.payload, json({{"chargePointVendor", "EO"}}));
}

TEST(Frame, ParsesACallWithAnUnknownActionForTheRouterToRefuse) {
  // Whether an action exists is the router's business (NotImplemented), not a framing error.
  EXPECT_EQ(std::get<Call>(message_of(R"([2,"1","FooBar",{}])")).action, "FooBar");
  EXPECT_EQ(std::get<Call>(message_of(R"([2,"1","",{}])")).action, "");
}

TEST(Frame, ParsesAResult) {
  const auto message = message_of(R"([3,"7",{"currentTime":"2026-11-22T05:00:00Z"}])");
  const auto& result = std::get<CallResult>(message);
  EXPECT_EQ(result.message_id, "7");
  EXPECT_EQ(result.payload.at("currentTime"), "2026-11-22T05:00:00Z");
}

TEST(Frame, ParsesAnError) {
  const auto message = message_of(R"([4,"7","NotSupported","no reservations",{"hint":1}])");
  const auto& error = std::get<CallErrorMessage>(message);
  EXPECT_EQ(error.message_id, "7");
  EXPECT_EQ(error.error.code, ErrorCode::NotSupported);
  EXPECT_EQ(error.error.description, "no reservations");
  EXPECT_EQ(error.error.details, json({{"hint", 1}}));
}

TEST(Frame, ErrorWithUnknownCodeIsGenericAndKeepsTheCode) {
  const auto message = message_of(R"([4,"7","MessageTypeNotSupported","2.0 code",{"a":1}])");
  const auto& error = std::get<CallErrorMessage>(message).error;
  EXPECT_EQ(error.code, ErrorCode::GenericError);
  EXPECT_EQ(error.details, json({{"a", 1}, {"receivedErrorCode", "MessageTypeNotSupported"}}));
}

TEST(Frame, ErrorWithTheCorrectSpellingOfOccurrence) {
  const auto message = message_of(R"([4,"7","OccurrenceConstraintViolation","",{}])");
  EXPECT_EQ(std::get<CallErrorMessage>(message).error.code,
            ErrorCode::OccurenceConstraintViolation);
}

TEST(Frame, ErrorWithoutDetailsOrWithDetailsNotAnObjectIsRead) {
  const auto without = message_of(R"([4,"7","InternalError","boom"])");
  EXPECT_EQ(std::get<CallErrorMessage>(without).error.details, json::object());
  EXPECT_EQ(std::get<CallErrorMessage>(without).error.code, ErrorCode::InternalError);

  const auto array = message_of(R"([4,"7","InternalError","boom",[1,2]])");
  EXPECT_EQ(std::get<CallErrorMessage>(array).error.details, json({{"value", {1, 2}}}));
  const auto null = message_of(R"([4,"7","InternalError","boom",null])");
  EXPECT_EQ(std::get<CallErrorMessage>(null).error.details, json({{"value", nullptr}}));
}

TEST(Frame, ErrorWithNonStringCodeOrDescriptionIsGeneric) {
  const auto message = message_of(R"([4,"7",42,{"not":"text"},{}])");
  const auto& error = std::get<CallErrorMessage>(message).error;
  EXPECT_EQ(error.code, ErrorCode::GenericError);
  EXPECT_EQ(error.description, "");
  EXPECT_TRUE(error.details.is_object());
}

TEST(Frame, ErrorCodeNamesRoundTrip) {
  for (const auto code :
       {ErrorCode::NotImplemented, ErrorCode::NotSupported, ErrorCode::InternalError,
        ErrorCode::ProtocolError, ErrorCode::SecurityError, ErrorCode::FormationViolation,
        ErrorCode::PropertyConstraintViolation, ErrorCode::OccurenceConstraintViolation,
        ErrorCode::TypeConstraintViolation, ErrorCode::GenericError}) {
    EXPECT_EQ(error_code_from_string(to_string(code)), code) << to_string(code);
  }
  EXPECT_EQ(to_string(ErrorCode::OccurenceConstraintViolation),
            "OccurenceConstraintViolation");  // 1.6 spelling
  EXPECT_FALSE(error_code_from_string("genericerror"));
  EXPECT_FALSE(error_code_from_string(""));
}

TEST(Frame, SerializesEachKindCompactly) {
  EXPECT_EQ(serialize(Call{"19223201", "BootNotification", {{"chargePointVendor", "EO"}}}),
            R"([2,"19223201","BootNotification",{"chargePointVendor":"EO"}])");
  EXPECT_EQ(serialize(CallResult{"19223201", json::object()}), R"([3,"19223201",{}])");
  EXPECT_EQ(serialize(CallErrorMessage{
                "1", {ErrorCode::NotImplemented, "unknown action", json::object()}}),
            R"([4,"1","NotImplemented","unknown action",{}])");
}

TEST(Frame, SerializationRoundTrips) {
  const Call call{"abc-123", "SetChargingProfile",
                  json::parse(R"({"connectorId":1,"limit":8.1,"s":"é\"\\"})")};
  const auto call_back = std::get<Call>(message_of(serialize(call)));
  EXPECT_EQ(call_back.message_id, call.message_id);
  EXPECT_EQ(call_back.action, call.action);
  EXPECT_EQ(call_back.payload, call.payload);

  const CallResult result{"abc-123", json::parse(R"({"status":"Accepted","n":[1,2.5,null,true]})")};
  const auto result_back = std::get<CallResult>(message_of(serialize(result)));
  EXPECT_EQ(result_back.message_id, result.message_id);
  EXPECT_EQ(result_back.payload, result.payload);

  const CallErrorMessage error{
      "abc-123", {ErrorCode::PropertyConstraintViolation, "limit: bad", {{"field", "limit"}}}};
  const auto error_back = std::get<CallErrorMessage>(message_of(serialize(error)));
  EXPECT_EQ(error_back.message_id, error.message_id);
  EXPECT_EQ(error_back.error, error.error);
}

TEST(Frame, ErrorDetailsAreAlwaysAnObject) {
  for (const json& details : {json(), json::array({1}), json("text"), json(5)}) {
    const auto text = serialize(CallErrorMessage{"1", {ErrorCode::GenericError, "x", details}});
    EXPECT_EQ(json::parse(text).at(4), json::object()) << text;
  }
}

TEST(Frame, InvalidUtf8NeverThrowsOnSerialize) {
  const std::string broken = "cut \xC3 here \xFF\xFE and \xF0\x9F";
  std::string text;
  ASSERT_NO_THROW(text = serialize(CallErrorMessage{
                      "1", {ErrorCode::InternalError, broken, {{broken, broken}}}}));
  const auto back = json::parse(text, nullptr, false);
  ASSERT_FALSE(back.is_discarded()) << text;
  EXPECT_EQ(back.at(2), "InternalError");
  EXPECT_NE(back.at(3).get<std::string>().find("\xEF\xBF\xBD"), std::string::npos);  // U+FFFD
  EXPECT_NO_THROW(serialize(Call{"1", "DataTransfer", {{"data", broken}}}));
  EXPECT_NO_THROW(serialize(CallResult{"1", {{"data", broken}}}));
}

TEST(Frame, InvalidUtf8OnTheWireIsNotJson) {
  const auto failure = failure_of("[2,\"1\",\"DataTransfer\",{\"vendorId\":\"\xC3\x28\"}]");
  EXPECT_TRUE(failure.answer);
  EXPECT_EQ(failure.error.code, ErrorCode::FormationViolation);
}

}  // namespace
