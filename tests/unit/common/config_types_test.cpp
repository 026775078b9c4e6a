// What each setting type accepts and rejects, and the programming errors a schema refuses.
#include <gtest/gtest.h>

#include <limits>
#include <stdexcept>

#include "common/config_syntax.hpp"
#include "config_test_support.hpp"

namespace {
using namespace std::chrono_literals;
using common::ConfigValue;

const common::SettingSpec& spec(const common::ConfigSchema& schema, std::string_view key) {
  const common::SettingSpec* found = schema.find(key);
  if (found == nullptr) throw std::logic_error("test schema lacks " + std::string(key));
  return *found;
}

class ConfigTypes : public ::testing::Test {
 protected:
  common::ConfigSchema schema_ = config_test::test_schema();
};

TEST_F(ConfigTypes, Int) {
  const auto& phases = spec(schema_, "charging.phases");
  EXPECT_EQ(phases.parse("1"), ConfigValue{std::int64_t{1}});
  EXPECT_EQ(phases.parse("3"), ConfigValue{std::int64_t{3}});
  EXPECT_EQ(phases.parse("+2"), ConfigValue{std::int64_t{2}});
  EXPECT_EQ(phases.parse("02"), ConfigValue{std::int64_t{2}});
  for (const char* bad : {"0", "4", "-1", "", " 1", "1 ", "1.0", "1e0", "0x1", "one", "1_0", "+",
                          "++1", "99999999999999999999"}) {
    EXPECT_EQ(phases.parse(bad), std::nullopt) << bad;
  }
  EXPECT_EQ(phases.expected(), "a whole number from 1 to 3");
}

TEST_F(ConfigTypes, IntNegativeRange) {
  const auto schema = common::ConfigSchema{}.add_int("a.offset", -10, 10, 0, "Offset");
  EXPECT_EQ(spec(schema, "a.offset").parse("-10"), ConfigValue{std::int64_t{-10}});
  EXPECT_EQ(spec(schema, "a.offset").parse("-11"), std::nullopt);
  EXPECT_EQ(spec(schema, "a.offset").expected(), "a whole number from -10 to 10");
}

TEST_F(ConfigTypes, Double) {
  const auto& current = spec(schema_, "charging.max_current_a");
  EXPECT_EQ(current.parse("6"), ConfigValue{6.0});
  EXPECT_EQ(current.parse("16.5"), ConfigValue{16.5});
  EXPECT_EQ(current.parse("+32"), ConfigValue{32.0});
  EXPECT_EQ(current.parse("32.000"), ConfigValue{32.0});
  EXPECT_EQ(current.parse("1.6e1"), ConfigValue{16.0});
  for (const char* bad :
       {"5.99", "32.01", "", "6,5", "16A", " 16", "nan", "inf", "-inf", "sixteen", "1..2"}) {
    EXPECT_EQ(current.parse(bad), std::nullopt) << bad;
  }
  EXPECT_EQ(current.expected(), "a number from 6 to 32");
}

TEST_F(ConfigTypes, DoubleBoundsPrintShortest) {
  const auto schema = common::ConfigSchema{}.add_double("a.ratio", 0.1, 2.5, 1.25, "Ratio");
  EXPECT_EQ(spec(schema, "a.ratio").expected(), "a number from 0.1 to 2.5");
  EXPECT_EQ(spec(schema, "a.ratio").format(ConfigValue{1.25}), "1.25");
}

TEST_F(ConfigTypes, Bool) {
  const auto& verify = spec(schema_, "network.verify_certificates");
  for (const char* yes : {"true", "yes", "on", "1", "TRUE", "Yes", "On"}) {
    EXPECT_EQ(verify.parse(yes), ConfigValue{true}) << yes;
  }
  for (const char* no : {"false", "no", "off", "0", "False", "NO", "oFF"}) {
    EXPECT_EQ(verify.parse(no), ConfigValue{false}) << no;
  }
  for (const char* bad : {"", "y", "n", "2", "enabled", "truee", " true"}) {
    EXPECT_EQ(verify.parse(bad), std::nullopt) << bad;
  }
  EXPECT_EQ(verify.expected(), "true or false (also yes/no, on/off, 1/0)");
}

TEST_F(ConfigTypes, EnumIgnoresCaseAndStoresTheDeclaredSpelling) {
  const auto& profile = spec(schema_, "ocpp.security_profile");
  EXPECT_EQ(profile.parse("basic"), ConfigValue{std::string("basic")});
  EXPECT_EQ(profile.parse("TLS"), ConfigValue{std::string("tls")});
  for (const char* bad : {"", "tls1", "basic ", "0"})
    EXPECT_EQ(profile.parse(bad), std::nullopt) << bad;
  EXPECT_EQ(profile.expected(), "one of \"none\", \"basic\" or \"tls\"");
  const auto single = common::ConfigSchema{}.add_enum("a.mode", {"only"}, "only", "Mode");
  EXPECT_EQ(spec(single, "a.mode").expected(), "\"only\"");
  const auto two = common::ConfigSchema{}.add_enum("a.mode", {"x", "y"}, "x", "Mode");
  EXPECT_EQ(spec(two, "a.mode").expected(), "one of \"x\" or \"y\"");
}

TEST_F(ConfigTypes, Seconds) {
  const auto& wait = spec(schema_, "network.reconnect_min_s");
  EXPECT_EQ(wait.parse("1"), ConfigValue{1s});
  EXPECT_EQ(wait.parse("3600"), ConfigValue{3600s});
  // The unit is in the key's name, so units in the value are not accepted: `5m` in a `_s` key is
  // ambiguous.
  for (const char* bad : {"0", "3601", "", "5s", "5m", "1h", "1.5", "fast", "-1"}) {
    EXPECT_EQ(wait.parse(bad), std::nullopt) << bad;
  }
  EXPECT_EQ(wait.expected(), "a whole number of seconds from 1 to 3600");
}

TEST_F(ConfigTypes, StringTakesAnything) {
  const auto& id = spec(schema_, "ocpp.charge_point_id");
  EXPECT_EQ(id.parse(""), ConfigValue{std::string()});
  EXPECT_EQ(id.parse(" x # y "), ConfigValue{std::string(" x # y ")});
  EXPECT_EQ(id.expected(), "text");
}

TEST_F(ConfigTypes, FormatThenParseIsIdentity) {
  const std::pair<const char*, ConfigValue> cases[] = {
      {"ocpp.charge_point_id", std::string("a \"q\" \\ # ;")},
      {"ocpp.charge_point_id", std::string("")},
      {"ocpp.security_profile", std::string("basic")},
      {"network.reconnect_min_s", 42s},
      {"network.verify_certificates", false},
      {"charging.phases", std::int64_t{2}},
      {"charging.max_current_a", 6.1},
  };
  for (const auto& [key, value] : cases) {
    const auto& s = spec(schema_, key);
    const auto document = common::parse_config_text("[s]\nk = " + s.format(value) + "\n");
    ASSERT_EQ(document.entries.size(), 1U) << key;
    EXPECT_EQ(s.parse(document.entries[0].value), value) << key;
  }
}

TEST_F(ConfigTypes, SpecSplitsItsKey) {
  EXPECT_EQ(spec(schema_, "network.reconnect_min_s").section(), "network");
  EXPECT_EQ(spec(schema_, "network.reconnect_min_s").name(), "reconnect_min_s");
}

TEST(ConfigSchema, RefusesProgrammingMistakes) {
  using common::ConfigSchema;
  using common::required;
  EXPECT_THROW(ConfigSchema{}.add_string("nosection", required, "D"), std::logic_error);
  EXPECT_THROW(ConfigSchema{}.add_string("a.b.c", required, "D"), std::logic_error);
  EXPECT_THROW(ConfigSchema{}.add_string(".b", required, "D"), std::logic_error);
  EXPECT_THROW(ConfigSchema{}.add_string("a.b c", required, "D"), std::logic_error);
  EXPECT_THROW(ConfigSchema{}.add_string("a.b", required, ""), std::logic_error);
  EXPECT_THROW(ConfigSchema{}.add_string("a.b", required, "two\nlines"), std::logic_error);
  EXPECT_THROW(ConfigSchema{}.add_string("a.b", "line\nbreak", "D"), std::logic_error);
  EXPECT_THROW(ConfigSchema{}.add_string("a.b", required, "D").add_bool("a.b", true, "D"),
               std::logic_error);
  EXPECT_THROW(ConfigSchema{}.add_int("a.b", 5, 1, required, "D"), std::logic_error);
  EXPECT_THROW(ConfigSchema{}.add_int("a.b", 1, 5, 6, "D"), std::logic_error);
  EXPECT_THROW(ConfigSchema{}.add_double("a.b", 1, 5, 0.5, "D"), std::logic_error);
  EXPECT_THROW(ConfigSchema{}.add_double("a.b", 2, 1, required, "D"), std::logic_error);
  EXPECT_THROW(ConfigSchema{}.add_double("a.b", 0, std::numeric_limits<double>::infinity(), 1, "D"),
               std::logic_error);
  EXPECT_THROW(ConfigSchema{}.add_seconds("a.b", 1s, 10s, 0s, "D"), std::logic_error);
  EXPECT_THROW(ConfigSchema{}.add_enum("a.b", {}, required, "D"), std::logic_error);
  EXPECT_THROW(ConfigSchema{}.add_enum("a.b", {"x", "X"}, required, "D"), std::logic_error);
  EXPECT_THROW(ConfigSchema{}.add_enum("a.b", {"x", ""}, required, "D"), std::logic_error);
  EXPECT_THROW(ConfigSchema{}.add_enum("a.b", {"x", "y"}, "z", "D"), std::logic_error);
  EXPECT_NO_THROW(ConfigSchema{}.add_enum("a.b", {"x", "y"}, required, "D"));
}

TEST(ConfigSchema, ListsSectionsInDeclarationOrder) {
  EXPECT_EQ(config_test::test_schema().sections(),
            (std::vector<std::string>{"ocpp", "network", "charging"}));
  EXPECT_EQ(config_test::test_schema().find("ocpp.nope"), nullptr);
}

TEST(ConfigValues, WrongGetterOrUndeclaredKeyIsAProgrammingError) {
  const auto loaded = common::load_config(config_test::test_schema(), std::nullopt,
                                          {"ocpp.central_system_url=ws://x"});
  ASSERT_TRUE(loaded.ok());
  const auto& values = loaded.values();
  EXPECT_THROW(values.get_string("ocpp.nope"), std::logic_error);
  EXPECT_THROW(values.get_int("network.reconnect_min_s"), std::logic_error);
  EXPECT_THROW(values.get_seconds("charging.phases"), std::logic_error);
  EXPECT_THROW(values.get_double("charging.phases"), std::logic_error);
  EXPECT_THROW(values.get_bool("ocpp.charge_point_id"), std::logic_error);
  EXPECT_THROW(values.get_string("network.verify_certificates"), std::logic_error);
  EXPECT_THROW(values.source("nope.nope"), std::logic_error);
  EXPECT_NO_THROW(values.get_string("ocpp.security_profile"));  // enums read as strings
  try {
    values.get_int("network.reconnect_min_s");
  } catch (const std::logic_error& error) {
    EXPECT_STREQ(error.what(),
                 "config key \"network.reconnect_min_s\" is a duration in seconds, not readable "
                 "with get_int");
  }
}

TEST(ConfigValues, UsingFailedValuesIsAProgrammingError) {
  const auto loaded = common::load_config(config_test::test_schema(), std::nullopt, {});
  ASSERT_FALSE(loaded.ok());
  EXPECT_FALSE(static_cast<bool>(loaded));
  EXPECT_THROW((void)loaded.values(), std::logic_error);
}

}  // namespace
