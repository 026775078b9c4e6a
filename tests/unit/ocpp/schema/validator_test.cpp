// The validator keyword by keyword: each keyword's pass and fail, with the exact CALLERROR code and
// path. Instances are parsed from JSON text, as they arrive on the wire, so number representation
// matters.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>

#include "ocpp/schema/validator.hpp"
#include "ocpp/types/datetime.hpp"

namespace {

using nlohmann::json;
using ocpp::rpc::ErrorCode;
using ocpp::schema::validate;
using ocpp::schema::ValidationError;

std::optional<ValidationError> check(const char* schema, const std::string& instance) {
  return validate(json::parse(schema), json::parse(instance));
}

// Asserts a failure with this code at this path.
void expect_error(const std::optional<ValidationError>& error, ErrorCode code,
                  const std::string& path) {
  ASSERT_TRUE(error.has_value()) << "expected " << ocpp::rpc::to_string(code) << " at " << path;
  EXPECT_EQ(ocpp::rpc::to_string(error->code), ocpp::rpc::to_string(code)) << error->message;
  EXPECT_EQ(error->path, path);
  EXPECT_FALSE(error->message.empty());
}

constexpr const char* k_field = R"({"type":"object","properties":{"f":%s}})";

// A schema `{"type":"object","properties":{"f": <field>}}`, so that failures carry the path "f".
std::string field_schema(const std::string& field) {
  std::string text = k_field;
  text.replace(text.find("%s"), 2, field);
  return text;
}

std::optional<ValidationError> check_field(const std::string& field, const std::string& value) {
  return validate(json::parse(field_schema(field)), json::parse(R"({"f":)" + value + "}"));
}

TEST(Validator, TypeOfEachKindPassesAndFails) {
  struct Case {
    const char* type;
    const char* good;
    const char* bad;
  };
  for (const auto& c :
       {Case{"object", "{}", "[]"}, Case{"array", "[]", "{}"}, Case{"string", R"("x")", "1"},
        Case{"integer", "1", R"("1")"}, Case{"number", "1.5", R"("1.5")"},
        Case{"boolean", "true", "0"}, Case{"null", "null", "false"}}) {
    const std::string schema = std::string(R"({"type":")") + c.type + R"("})";
    EXPECT_FALSE(check_field(schema, c.good)) << c.type << " " << c.good;
    expect_error(check_field(schema, c.bad), ErrorCode::TypeConstraintViolation, "f");
  }
}

TEST(Validator, PayloadOfTheWrongTypeFailsWithAnEmptyPath) {
  expect_error(check(R"({"type":"object"})", "[]"), ErrorCode::TypeConstraintViolation, "");
}

TEST(Validator, NumberAcceptsIntegersAndFloatsButNotBooleans) {
  EXPECT_FALSE(check_field(R"({"type":"number"})", "3"));
  EXPECT_FALSE(check_field(R"({"type":"number"})", "-3.25"));
  EXPECT_FALSE(check_field(R"({"type":"number"})", "1e3"));
  expect_error(check_field(R"({"type":"number"})", "true"), ErrorCode::TypeConstraintViolation,
               "f");
  expect_error(check_field(R"({"type":"number"})", "null"), ErrorCode::TypeConstraintViolation,
               "f");
}

TEST(Validator, IntegerAcceptsWholeFloatsOnly) {
  const char* integer = R"({"type":"integer"})";
  EXPECT_FALSE(check_field(integer, "5"));
  EXPECT_FALSE(check_field(integer, "5.0"));  // JSON has one number type: 5.0 is the integer 5
  EXPECT_FALSE(check_field(integer, "-7"));
  EXPECT_FALSE(check_field(integer, "5e2"));
  expect_error(check_field(integer, "5.5"), ErrorCode::TypeConstraintViolation, "f");
  expect_error(check_field(integer, "0.1"), ErrorCode::TypeConstraintViolation, "f");
  expect_error(check_field(integer, R"("5")"), ErrorCode::TypeConstraintViolation, "f");
  expect_error(check_field(integer, "true"), ErrorCode::TypeConstraintViolation, "f");
}

TEST(Validator, IntegerOutsideInt32IsAPropertyConstraintViolation) {
  const char* integer = R"({"type":"integer"})";
  EXPECT_FALSE(check_field(integer, "2147483647"));
  EXPECT_FALSE(check_field(integer, "-2147483648"));
  EXPECT_FALSE(check_field(integer, "2147483647.0"));
  for (const char* big :
       {"2147483648", "-2147483649", "9223372036854775807", "18446744073709551615",
        "99999999999999999999999", "1e10", "-1e10", "2147483648.0"}) {
    SCOPED_TRACE(big);
    expect_error(check_field(integer, big), ErrorCode::PropertyConstraintViolation, "f");
  }
}

TEST(Validator, EnumAcceptsListedValuesOnly) {
  const char* status = R"({"type":"string","enum":["Accepted","Rejected"]})";
  EXPECT_FALSE(check_field(status, R"("Accepted")"));
  expect_error(check_field(status, R"("accepted")"), ErrorCode::PropertyConstraintViolation, "f");
  expect_error(check_field(status, R"("")"), ErrorCode::PropertyConstraintViolation, "f");
  // The type is checked first: a number is a type problem, not an unlisted value.
  expect_error(check_field(status, "1"), ErrorCode::TypeConstraintViolation, "f");
  // Without a type keyword, enum alone decides.
  expect_error(check_field(R"({"enum":["A"]})", "1"), ErrorCode::PropertyConstraintViolation, "f");
}

TEST(Validator, MaxLengthCountsCharactersNotBytes) {
  const char* id_token = R"({"type":"string","maxLength":20})";
  EXPECT_FALSE(check_field(id_token, R"("")"));
  EXPECT_FALSE(check_field(id_token, '"' + std::string(20, 'a') + '"'));
  expect_error(check_field(id_token, '"' + std::string(21, 'a') + '"'),
               ErrorCode::PropertyConstraintViolation, "f");

  std::string twenty_e_acute;
  for (int i = 0; i < 20; ++i) twenty_e_acute += "\xC3\xA9";  // é: 2 bytes, 1 character
  ASSERT_EQ(twenty_e_acute.size(), 40U);
  EXPECT_FALSE(check_field(id_token, '"' + twenty_e_acute + '"'));
  expect_error(check_field(id_token, '"' + twenty_e_acute + "\xC3\xA9\""),
               ErrorCode::PropertyConstraintViolation, "f");

  std::string twenty_emoji;
  for (int i = 0; i < 20; ++i) twenty_emoji += "\xF0\x9F\x94\x8C";  // 🔌: 4 bytes, 1 character
  EXPECT_FALSE(check_field(id_token, '"' + twenty_emoji + '"'));
  // Escapes count as the character they stand for.
  EXPECT_FALSE(check_field(id_token,
                           R"("\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9)"
                           R"(\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9")"));
}

TEST(Validator, MultipleOfOneTenthIsDecidedOnTheDecimalText) {
  const char* limit = R"({"type":"number","multipleOf":0.1})";
  for (const char* good : {"8.1", "0.1", "0", "32", "32.0", "1e1", "0.3", "2.7", "1234.5", "-6.6",
                           "0.0", "16.000", "1E-1", "230.7"}) {
    EXPECT_FALSE(check_field(limit, good)) << good;
  }
  for (const char* bad : {"8.15", "0.01", "8.1000001", "1e-5", "0.05", "-0.11", "1234.56"}) {
    SCOPED_TRACE(bad);
    expect_error(check_field(limit, bad), ErrorCode::PropertyConstraintViolation, "f");
  }
}

TEST(Validator, MultipleOfWithOtherSteps) {
  EXPECT_FALSE(check_field(R"({"type":"number","multipleOf":0.5})", "7.5"));
  expect_error(check_field(R"({"type":"number","multipleOf":0.5})", "7.25"),
               ErrorCode::PropertyConstraintViolation, "f");
  EXPECT_FALSE(check_field(R"({"type":"integer","multipleOf":3})", "9"));
  expect_error(check_field(R"({"type":"integer","multipleOf":3})", "10"),
               ErrorCode::PropertyConstraintViolation, "f");
}

TEST(Validator, DateTimeFormat) {
  const char* date_time = R"({"type":"string","format":"date-time"})";
  for (const char* good : {R"("2026-11-22T05:00:00Z")", R"("2026-11-22T05:00:00.123Z")",
                           R"("2026-11-22T05:00:00.123456789Z")", R"("2026-11-22T06:00:00+01:00")",
                           R"("2026-11-22T00:00:00-05:30")", R"("2026-11-22t05:00:00z")",
                           R"("2024-02-29T00:00:00Z")", R"("2016-12-31T23:59:60Z")"}) {
    EXPECT_FALSE(check_field(date_time, good)) << good;
  }
  for (const char* bad :
       {R"("")", R"("2026-11-22")", R"("2026-11-22T05:00:00")", R"("2026-11-22 05:00:00Z")",
        R"("2026-13-01T00:00:00Z")", R"("2025-02-29T00:00:00Z")", R"("2026-11-22T25:00:00Z")",
        R"("2026-11-22T05:00:00+0100")", R"("1700000000")", R"("2026-11-22T05:00:00.Z")",
        R"("yesterday")"}) {
    SCOPED_TRACE(bad);
    expect_error(check_field(date_time, bad), ErrorCode::PropertyConstraintViolation, "f");
  }
  // A number where a date-time string belongs is a type problem.
  expect_error(check_field(date_time, "1700000000"), ErrorCode::TypeConstraintViolation, "f");
}

TEST(Validator, EveryAcceptedDateTimeCanBeWrittenBack) {
  // What the validator lets through reaches our types; if we could not write it back as RFC 3339, a
  // response echoing it would break our own schema check.
  for (const char* text :
       {"0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z", "1969-12-31T23:59:59.999Z",
        "2016-12-31T23:59:60Z", "2026-11-22T05:00:00.5+14:00", "2026-01-01T00:30:00+01:00"}) {
    const auto parsed = ocpp::DateTime::parse(text);
    ASSERT_TRUE(parsed) << text;
    const auto back = ocpp::DateTime::parse(parsed->to_string());
    ASSERT_TRUE(back) << text << " -> " << parsed->to_string();
    EXPECT_EQ(*back, *parsed);
  }
  // Offsets that move the UTC value out of the four-digit years are refused.
  EXPECT_FALSE(ocpp::DateTime::parse("0000-01-01T00:00:00+01:00"));
  EXPECT_FALSE(ocpp::DateTime::parse("9999-12-31T23:59:60-23:59"));
  expect_error(
      check_field(R"({"type":"string","format":"date-time"})", R"("0000-01-01T00:30:00+01:00")"),
      ErrorCode::PropertyConstraintViolation, "f");
}

TEST(Validator, UriFormat) {
  const char* uri = R"({"type":"string","format":"uri"})";
  for (const char* good : {R"("ftp://user:pw@host/diag")", R"("https://example.com/fw.bin?x=1")",
                           R"("sftp://10.0.0.1:2222/up")", R"("urn:isbn:0451450523")"}) {
    EXPECT_FALSE(check_field(uri, good)) << good;
  }
  for (const char* bad : {R"("")", R"("no scheme")", R"("/relative/path")", R"(":nothing")",
                          R"("1ftp://host")", R"("ftp://host/a file")", R"("ftp://host/\t")"}) {
    SCOPED_TRACE(bad);
    expect_error(check_field(uri, bad), ErrorCode::PropertyConstraintViolation, "f");
  }
}

TEST(Validator, UnknownFormatsConstrainNothing) {
  EXPECT_FALSE(check_field(R"({"type":"string","format":"email"})", R"("not an email")"));
}

TEST(Validator, RequiredFieldMissingIsAnOccurenceViolationAtItsPath) {
  const char* schema = R"({"type":"object","required":["a"],
      "properties":{"a":{"type":"object","required":["b"],"properties":{"b":{"type":"integer"}}}}})";
  EXPECT_FALSE(check(schema, R"({"a":{"b":1}})"));
  expect_error(check(schema, "{}"), ErrorCode::OccurenceConstraintViolation, "a");
  expect_error(check(schema, R"({"a":{}})"), ErrorCode::OccurenceConstraintViolation, "a.b");
  // null is present: it fails the type, not the occurrence.
  expect_error(check(schema, R"({"a":{"b":null}})"), ErrorCode::TypeConstraintViolation, "a.b");
}

TEST(Validator, MinItemsIsAnOccurenceViolation) {
  const char* schema = R"({"type":"object","properties":{"list":{"type":"array","minItems":1}}})";
  EXPECT_FALSE(check(schema, R"({"list":[1]})"));
  expect_error(check(schema, R"({"list":[]})"), ErrorCode::OccurenceConstraintViolation, "list");
}

TEST(Validator, ItemsAreCheckedWithTheirIndexInThePath) {
  const char* schema = R"({"type":"object","properties":{"list":{"type":"array",
      "items":{"type":"object","properties":{"x":{"type":"integer"}}}}}})";
  EXPECT_FALSE(check(schema, R"({"list":[{"x":1},{"x":2}]})"));
  expect_error(check(schema, R"({"list":[{"x":1},{"x":2},{"x":"3"}]})"),
               ErrorCode::TypeConstraintViolation, "list[2].x");
  expect_error(check(schema, R"({"list":[{"x":1},7]})"), ErrorCode::TypeConstraintViolation,
               "list[1]");
}

TEST(Validator, AdditionalPropertiesFalseMakesUnknownFieldsAFormationViolation) {
  const char* closed =
      R"({"type":"object","additionalProperties":false,"properties":{"a":{"type":"integer"},
      "inner":{"type":"object","additionalProperties":false,"properties":{}}}})";
  EXPECT_FALSE(check(closed, R"({"a":1})"));
  expect_error(check(closed, R"({"a":1,"b":2})"), ErrorCode::FormationViolation, "b");
  expect_error(check(closed, R"({"inner":{"x":1}})"), ErrorCode::FormationViolation, "inner.x");
  // Without the keyword, unknown fields are allowed (the JSON-schema default).
  EXPECT_FALSE(
      check(R"({"type":"object","properties":{"a":{"type":"integer"}}})", R"({"a":1,"b":2})"));
  // Closed with no properties at all: every field is unknown.
  expect_error(check(R"({"type":"object","additionalProperties":false})", R"({"z":1})"),
               ErrorCode::FormationViolation, "z");
}

TEST(Validator, AnUnknownHugeKeyIsShortenedInThePath) {
  const std::string key(100000, 'k');
  const auto error =
      check(R"({"type":"object","additionalProperties":false})", R"({")" + key + R"(":1})");
  ASSERT_TRUE(error);
  EXPECT_EQ(error->code, ErrorCode::FormationViolation);
  EXPECT_LE(error->path.size(), 64U);
}

TEST(Validator, MessagesDoNotEchoHugeOrDeepValues) {
  const std::string huge = '"' + std::string(1 << 20, 'x') + '"';
  const auto error = check_field(R"({"type":"integer"})", huge);
  ASSERT_TRUE(error);
  EXPECT_LT(error->message.size(), 200U);
  // A deeply nested value where a string belongs: named, not dumped (dumping recurses per level).
  json deep = json::array();
  for (int i = 0; i < 100000; ++i) deep = json::array({std::move(deep)});
  const auto deep_error =
      validate(json::parse(field_schema(R"({"type":"string"})")), json{{"f", std::move(deep)}});
  ASSERT_TRUE(deep_error);
  EXPECT_EQ(deep_error->code, ErrorCode::TypeConstraintViolation);
}

TEST(Validator, LocalRefsResolveAgainstTheRoot) {
  const json root = json::parse(R"({
    "definitions":{
      "Hash":{"type":"string","enum":["SHA256","SHA384"]},
      "Data":{"type":"object","additionalProperties":false,"required":["alg"],
              "properties":{"alg":{"$ref":"#/definitions/Hash"}}}},
    "type":"object","properties":{"data":{"$ref":"#/definitions/Data"},
                                  "list":{"type":"array","items":{"$ref":"#/definitions/Data"}}}})");
  EXPECT_FALSE(
      validate(root, json::parse(R"({"data":{"alg":"SHA256"},"list":[{"alg":"SHA384"}]})")));
  expect_error(validate(root, json::parse(R"({"data":{"alg":"MD5"}})")),
               ErrorCode::PropertyConstraintViolation, "data.alg");
  expect_error(validate(root, json::parse(R"({"data":{}})")),
               ErrorCode::OccurenceConstraintViolation, "data.alg");
  expect_error(validate(root, json::parse(R"({"list":[{"alg":"SHA256","x":1}]})")),
               ErrorCode::FormationViolation, "list[0].x");
  // With an explicit root, a sub-schema is validated with refs still resolving in the root.
  expect_error(validate(root, root["definitions"]["Data"], json::parse(R"({"alg":1})")),
               ErrorCode::TypeConstraintViolation, "alg");
}

TEST(Validator, BrokenOrCyclicRefsDoNotThrowOrHang) {
  const json root = json::parse(R"({
    "definitions":{"A":{"$ref":"#/definitions/B"},"B":{"$ref":"#/definitions/A"}},
    "type":"object","properties":{
      "cycle":{"$ref":"#/definitions/A"},
      "missing":{"$ref":"#/definitions/Nope"},
      "bad_pointer":{"$ref":"#definitions"},
      "bad_index":{"$ref":"#/definitions/01"},
      "remote":{"$ref":"http://example.com/schema"}}})");
  for (const char* field : {"cycle", "missing", "bad_pointer", "bad_index", "remote"}) {
    EXPECT_NO_THROW(EXPECT_FALSE(validate(root, json{{field, 1}}))) << field;
  }
}

TEST(Validator, TheFirstProblemIsReportedInAStableOrder) {
  // Required before unknown fields before field values, so two runs always agree.
  const char* schema = R"({"type":"object","additionalProperties":false,"required":["a"],
      "properties":{"a":{"type":"integer"},"b":{"type":"integer"}}})";
  expect_error(check(schema, R"({"b":"x","c":1})"), ErrorCode::OccurenceConstraintViolation, "a");
  expect_error(check(schema, R"({"a":1,"b":"x","c":1})"), ErrorCode::FormationViolation, "c");
  expect_error(check(schema, R"({"a":"1","b":"x"})"), ErrorCode::TypeConstraintViolation, "a");
}

}  // namespace
