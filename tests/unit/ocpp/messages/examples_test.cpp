// Runs every example payload of examples_*.cpp through its message struct. Besides the round trip,
// each example is mutated in every place the schema constrains (enum values, date-times, required
// properties, JSON types) and decoding each mutant must throw, so no field is checked by hand.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "examples.hpp"
#include "schema_support.hpp"

namespace {

using nlohmann::json;
using ocpp::test::Coverage;
using ocpp::test::Example;

std::vector<Example> all_examples() {
  std::vector<Example> all;
  for (const auto& list :
       {ocpp::test::core_transaction_examples(), ocpp::test::core_operation_examples(),
        ocpp::test::feature_profile_examples(), ocpp::test::security_examples()}) {
    all.insert(all.end(), list.begin(), list.end());
  }
  return all;
}

// `value` with the property at `pointer` replaced, or removed when `replacement` is discarded.
json mutated(const json& value, const json::json_pointer& pointer, const json& replacement) {
  json copy = value;
  if (replacement.is_discarded()) {
    copy[pointer.parent_pointer()].erase(pointer.back());
  } else {
    copy[pointer] = replacement;
  }
  return copy;
}

// A value of the wrong JSON type for what is at `original`.
json wrong_type_for(const json& original) {
  if (original.is_string()) return 7;
  if (original.is_number()) return "7";
  if (original.is_boolean()) return "true";
  if (original.is_array()) return json::object();
  return json::array();
}

class MessageExample : public ::testing::TestWithParam<Example> {
 protected:
  json payload() const { return json::parse(GetParam().payload); }
  std::vector<ocpp::test::Located> located() const {
    return ocpp::test::locate_all(GetParam().schema, payload());
  }
  void expect_decoding_throws(const json& bad, const std::string& why) const {
    EXPECT_THROW(GetParam().round_trip(bad), json::exception) << why << ": " << bad.dump();
  }
};

TEST_P(MessageExample, IsValidAgainstItsSchema) {
  const auto problems = ocpp::test::validate(GetParam().schema, payload());
  EXPECT_TRUE(problems.empty()) << ::testing::PrintToString(problems);
}

TEST_P(MessageExample, CoversWhatItClaims) {
  const auto present = ocpp::test::instance_paths(payload());
  switch (GetParam().coverage) {
    case Coverage::Full: {
      auto expected = ocpp::test::schema_paths(GetParam().schema, false);
      std::erase_if(expected, [&](const std::string& path) {
        return ocpp::test::unmodelled_properties().contains(GetParam().schema + path);
      });
      EXPECT_EQ(present, expected);
      break;
    }
    case Coverage::Required:
      EXPECT_EQ(present, ocpp::test::schema_paths(GetParam().schema, true));
      break;
    case Coverage::Partial:
      break;
  }
}

TEST_P(MessageExample, RoundTripsUnchanged) {
  const json input = payload();
  const json output = GetParam().round_trip(input);
  // Compare the text too: `==` would let an integer 16 stand for a double 16.0.
  EXPECT_EQ(output.dump(), input.dump());
  EXPECT_EQ(output, input);
  EXPECT_TRUE(GetParam().struct_round_trip(input));
}

TEST_P(MessageExample, UnknownEnumValueThrows) {
  for (const auto& at : located()) {
    if (!at.schema->contains("enum")) continue;
    const json original = payload()[at.pointer];
    expect_decoding_throws(mutated(payload(), at.pointer, "NotAValue"), at.pointer.to_string());
    // Enumeration values are case-sensitive.
    std::string flipped = original.get<std::string>();
    std::transform(flipped.begin(), flipped.end(), flipped.begin(), [](unsigned char c) {
      return static_cast<char>(std::isupper(c) ? std::tolower(c) : std::toupper(c));
    });
    expect_decoding_throws(mutated(payload(), at.pointer, flipped), at.pointer.to_string());
  }
}

TEST_P(MessageExample, MalformedDateTimeThrows) {
  for (const auto& at : located()) {
    if (at.schema->value("format", "") != "date-time") continue;
    expect_decoding_throws(mutated(payload(), at.pointer, "2026-13-45T25:00:00Z"),
                           at.pointer.to_string());
    expect_decoding_throws(mutated(payload(), at.pointer, "yesterday"), at.pointer.to_string());
  }
}

TEST_P(MessageExample, MissingRequiredPropertyThrows) {
  for (const auto& at : located()) {
    if (!at.required) continue;
    expect_decoding_throws(mutated(payload(), at.pointer, json(json::value_t::discarded)),
                           "without " + at.pointer.to_string());
  }
}

TEST_P(MessageExample, WrongJsonTypeThrows) {
  for (const auto& at : located()) {
    expect_decoding_throws(mutated(payload(), at.pointer, wrong_type_for(payload()[at.pointer])),
                           at.pointer.to_string());
  }
}

TEST_P(MessageExample, AbsentOptionalsAreOmittedNotNull) {
  // Explicit nulls are read as absent (some peers send them), and never written back.
  json input = payload();
  std::vector<std::string> nulled;
  for (const auto& at : located()) {
    const std::string path = at.pointer.to_string();
    const bool inside_nulled = std::any_of(nulled.begin(), nulled.end(), [&](const std::string& p) {
      return path.starts_with(p + "/");
    });
    if (at.required || inside_nulled) continue;
    input[at.pointer] = nullptr;
    nulled.push_back(path);
  }
  const json output = GetParam().round_trip(input);
  EXPECT_EQ(output.dump().find("null"), std::string::npos) << output.dump();
}

INSTANTIATE_TEST_SUITE_P(AllMessages, MessageExample, ::testing::ValuesIn(all_examples()),
                         [](const ::testing::TestParamInfo<Example>& param_info) {
                           return param_info.param.schema + "_" + param_info.param.label;
                         });

// Every one of the 78 schemas has a Full example, and a Required one when that differs.
TEST(MessageExamples, EverySchemaIsExemplified) {
  std::map<std::string, std::set<Coverage>> coverage;
  std::set<std::string> labels;
  for (const auto& e : all_examples()) {
    EXPECT_TRUE(ocpp::test::has_schema(e.schema)) << e.schema;
    EXPECT_TRUE(labels.insert(e.schema + "_" + e.label).second)
        << "duplicate " << e.schema << e.label;
    coverage[e.schema].insert(e.coverage);
  }
  for (const auto& name : ocpp::test::schema_names()) {
    EXPECT_TRUE(coverage[name].contains(Coverage::Full)) << name << " has no Full example";
    if (ocpp::test::schema_paths(name, false) != ocpp::test::schema_paths(name, true)) {
      EXPECT_TRUE(coverage[name].contains(Coverage::Required))
          << name << " has no Required example";
    }
  }
}

}  // namespace
