// `--set` overrides, required settings, defaults, and the rendered template.
#include <gtest/gtest.h>

#include "config_test_support.hpp"

namespace {
using namespace std::chrono_literals;
using config_test::load_file;
using config_test::test_schema;
using config_test::url_line;
using Errors = std::vector<std::string>;

TEST(ConfigOverrides, BeatTheFile) {
  const auto loaded = load_file(test_schema(), url_line + "[network]\nreconnect_min_s = 5\n",
                                {"network.reconnect_min_s=10", "ocpp.charge_point_id=EO Box 2"});
  ASSERT_TRUE(loaded.result.ok()) << loaded.errors.front();
  const auto& values = loaded.result.values();
  EXPECT_EQ(values.get_seconds("network.reconnect_min_s"), 10s);
  EXPECT_EQ(values.source("network.reconnect_min_s"), "--set");
  EXPECT_EQ(values.get_string("ocpp.charge_point_id"), "EO Box 2");
}

TEST(ConfigOverrides, LastOneWins) {
  const auto loaded =
      load_file(test_schema(), url_line, {"charging.phases=1", "charging.phases=2"});
  ASSERT_TRUE(loaded.result.ok());
  EXPECT_EQ(loaded.result.values().get_int("charging.phases"), 2);
}

TEST(ConfigOverrides, ValuesAreTrimmedButTakenLiterally) {
  const auto loaded =
      load_file(test_schema(), url_line,
                {" charging.phases = 1 ", "ocpp.charge_point_id=\"quoted\" # not a comment"});
  ASSERT_TRUE(loaded.result.ok()) << loaded.errors.front();
  EXPECT_EQ(loaded.result.values().get_int("charging.phases"), 1);
  EXPECT_EQ(loaded.result.values().get_string("ocpp.charge_point_id"),
            "\"quoted\" # not a comment");
}

TEST(ConfigOverrides, ValueMayContainEqualsAndBeEmptyText) {
  const auto loaded =
      load_file(test_schema(), url_line,
                {"ocpp.central_system_url=ws://h/ocpp?a=b", "ocpp.charge_point_id="});
  ASSERT_TRUE(loaded.result.ok()) << loaded.errors.front();
  EXPECT_EQ(loaded.result.values().get_string("ocpp.central_system_url"), "ws://h/ocpp?a=b");
  EXPECT_EQ(loaded.result.values().get_string("ocpp.charge_point_id"), "");
}

TEST(ConfigOverrides, AreValidatedLikeTheFile) {
  const auto loaded =
      load_file(test_schema(), url_line,
                {"network.reconnect_min_s=fast", "network.reconect_min_s=5", "reconnect_min_s",
                 "nothing.like_this=1", "ocpp.security_profile=basc", "charging.phases="});
  ASSERT_EQ(loaded.errors.size(), 6U);
  EXPECT_EQ(loaded.errors[0],
            "--set network.reconnect_min_s: expected a whole number of seconds from 1 to 3600, "
            "got \"fast\"");
  EXPECT_EQ(loaded.errors[1],
            "--set network.reconect_min_s: unknown setting; did you mean "
            "\"network.reconnect_min_s\"?");
  EXPECT_EQ(loaded.errors[2], "--set reconnect_min_s: expected section.key=value");
  EXPECT_EQ(loaded.errors[3],
            "--set nothing.like_this: unknown setting (--print-config-template lists them all)");
  EXPECT_EQ(loaded.errors[4],
            "--set ocpp.security_profile: expected one of \"none\", \"basic\" or \"tls\", got "
            "\"basc\"; did you mean \"basic\"?");
  EXPECT_EQ(loaded.errors[5],
            "--set charging.phases: expected a whole number from 1 to 3, got \"\"");
}

TEST(ConfigOverrides, EmptyKeyIsMalformed) {
  const auto loaded = load_file(test_schema(), url_line, {"=5", " = 5"});
  EXPECT_EQ(loaded.errors, (Errors{"--set =5: expected section.key=value",
                                   "--set  = 5: expected section.key=value"}));
}

TEST(ConfigOverrides, FileProblemsComeFirstThenOverridesThenMissing) {
  const auto loaded =
      load_file(test_schema(), "[network]\nreconnect_min_s = x\n", {"charging.phases=9"});
  EXPECT_EQ(loaded.errors,
            (Errors{"chargepoint.conf:2: network.reconnect_min_s: expected a whole number of "
                    "seconds from 1 to "
                    "3600, got \"x\"",
                    "--set charging.phases: expected a whole number from 1 to 3, got \"9\"",
                    "chargepoint.conf: ocpp.central_system_url: required setting is missing "
                    "(WebSocket URL of the "
                    "central system); add \"central_system_url = ...\" under [ocpp]"}));
}

TEST(ConfigOverrides, CanSupplyARequiredSettingMissingFromTheFile) {
  const auto loaded = load_file(test_schema(), "[network]\nreconnect_min_s = 2\n",
                                {"ocpp.central_system_url=ws://x"});
  ASSERT_TRUE(loaded.result.ok()) << loaded.errors.front();
  EXPECT_EQ(loaded.result.values().get_string("ocpp.central_system_url"), "ws://x");
}

TEST(ConfigOverrides, NoFileIsFineWhenOverridesCoverEveryRequiredSetting) {
  const auto loaded =
      common::load_config(test_schema(), std::nullopt, {"ocpp.central_system_url=ws://x"});
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(loaded.values().get_string("ocpp.central_system_url"), "ws://x");
  EXPECT_EQ(loaded.values().get_string("ocpp.charge_point_id"), "EO Box");
  EXPECT_EQ(loaded.values().source("ocpp.charge_point_id"), "default");
}

TEST(ConfigOverrides, NoFileAndARequiredSettingMissing) {
  const auto loaded = common::load_config(test_schema(), std::nullopt, {});
  EXPECT_EQ(loaded.errors(),
            Errors{"ocpp.central_system_url: required setting is missing (WebSocket URL of the "
                   "central system); give a config file with --config or pass --set "
                   "ocpp.central_system_url=..."});
}

TEST(ConfigOverrides, SchemaWithoutRequiredSettingsNeedsNothing) {
  const auto schema = common::ConfigSchema{}.add_bool("a.flag", false, "A flag");
  const auto loaded = common::load_config(schema, std::nullopt, {});
  ASSERT_TRUE(loaded.ok());
  EXPECT_FALSE(loaded.values().get_bool("a.flag"));
}

TEST(ConfigTemplate, ListsEverySettingWithDescriptionAndDefault) {
  const std::string expected = R"(# Configuration file.
#
# A line "[section]" starts a section; a line "key = value" sets a setting in it.
# Lines starting with # or ; are comments, and so is the rest of a line after " #" or " ;".
# Quotes around values are optional. Use double quotes to keep spaces at the ends, or a # or ;
# after a space; inside them write \" for a quote and \\ for a backslash.
# Any setting can also be given on the command line as --set section.key=value.
#
# Settings below show their defaults. Required settings have no default: remove the # in
# front of them and fill in a value.

[ocpp]
# WebSocket URL of the central system
# Text. Required.
#central_system_url =

# Identity sent to the central system
# Text. Default: "EO Box".
charge_point_id = "EO Box"

# How the charger authenticates
# One of "none", "basic" or "tls". Default: none.
security_profile = none

[network]
# Shortest wait before reconnecting
# A whole number of seconds from 1 to 3600. Default: 1.
reconnect_min_s = 1

# Longest wait before reconnecting
# A whole number of seconds from 1 to 3600. Default: 300.
reconnect_max_s = 300

# Check the server's TLS certificate
# True or false (also yes/no, on/off, 1/0). Default: true.
verify_certificates = true

[charging]
# Phases wired to the charger
# A whole number from 1 to 3. Default: 3.
phases = 3

# Highest current offered to the car
# A number from 6 to 32. Default: 32.
max_current_a = 32
)";
  EXPECT_EQ(common::render_default_config(test_schema()), expected);
}

TEST(ConfigTemplate, RoundTripsThroughLoadToTheDefaults) {
  const auto schema = test_schema();
  const std::string text = common::render_default_config(schema);
  const auto loaded = load_file(schema, text, {"ocpp.central_system_url=ws://x"});
  ASSERT_TRUE(loaded.result.ok()) << loaded.errors.front() << "\n" << text;
  const auto& values = loaded.result.values();
  EXPECT_EQ(values.get_string("ocpp.charge_point_id"), "EO Box");
  EXPECT_EQ(values.get_string("ocpp.security_profile"), "none");
  EXPECT_EQ(values.get_seconds("network.reconnect_min_s"), 1s);
  EXPECT_EQ(values.get_seconds("network.reconnect_max_s"), 300s);
  EXPECT_TRUE(values.get_bool("network.verify_certificates"));
  EXPECT_EQ(values.get_int("charging.phases"), 3);
  EXPECT_DOUBLE_EQ(values.get_double("charging.max_current_a"), 32.0);
  // Every value came from the file, none from a fallback default.
  EXPECT_NE(values.source("charging.phases"), "default");
}

TEST(ConfigTemplate, RequiredSettingsMakeTheUntouchedTemplateFailHelpfully) {
  const auto loaded = load_file(test_schema(), common::render_default_config(test_schema()));
  ASSERT_EQ(loaded.errors.size(), 1U);
  EXPECT_TRUE(loaded.errors[0].starts_with(
      "chargepoint.conf: ocpp.central_system_url: required setting is missing"));
}

TEST(ConfigTemplate, AwkwardDefaultsSurviveTheRoundTrip) {
  common::ConfigSchema schema;
  schema.add_string("odd.text", " lead # hash ; semi \"quote\" back\\slash ", "Awkward text")
      .add_string("odd.empty", "", "Empty text")
      .add_enum("odd.choice", {"with space", "plain"}, "with space", "Awkward choice")
      .add_double("odd.tiny", -1, 1, 0.1, "A decimal")
      .add_int("odd.negative", -5, 5, -5, "Negative");
  const auto loaded = load_file(schema, common::render_default_config(schema));
  ASSERT_TRUE(loaded.result.ok()) << loaded.errors.front();
  const auto& values = loaded.result.values();
  EXPECT_EQ(values.get_string("odd.text"), " lead # hash ; semi \"quote\" back\\slash ");
  EXPECT_EQ(values.get_string("odd.empty"), "");
  EXPECT_EQ(values.get_string("odd.choice"), "with space");
  EXPECT_EQ(values.get_double("odd.tiny"), 0.1);
  EXPECT_EQ(values.get_int("odd.negative"), -5);
}

}  // namespace
