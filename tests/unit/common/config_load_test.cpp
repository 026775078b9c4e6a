// Loading a file against a schema: every problem a user can make, with the exact message they read.
#include <gtest/gtest.h>

#include "config_test_support.hpp"

namespace {
using namespace std::chrono_literals;
using config_test::load_file;
using config_test::test_schema;
using config_test::url_line;
using Errors = std::vector<std::string>;

TEST(ConfigLoad, ReadsTheExampleFromTheDocs) {
  const auto loaded =
      load_file(test_schema(),
                "# comment (also ; comments), blank lines ok\n"
                "[ocpp]\n"
                "central_system_url = ws://127.0.0.1:8080/ocpp   # trailing comment\n"
                "charge_point_id = \"EO \\\"Box\\\"\"  # quotes optional\n"
                "\n"
                "[network]\n"
                "reconnect_min_s = 5\n");
  ASSERT_TRUE(loaded.result.ok()) << loaded.errors.front();
  const auto& values = loaded.result.values();
  EXPECT_EQ(values.get_string("ocpp.central_system_url"), "ws://127.0.0.1:8080/ocpp");
  EXPECT_EQ(values.get_string("ocpp.charge_point_id"), "EO \"Box\"");
  EXPECT_EQ(values.get_seconds("network.reconnect_min_s"), 5s);
  EXPECT_EQ(values.source("network.reconnect_min_s")
                .substr(values.source("network.reconnect_min_s").rfind('/') + 1),
            "chargepoint.conf:7");
  // Everything not in the file has its default.
  EXPECT_EQ(values.get_seconds("network.reconnect_max_s"), 300s);
  EXPECT_EQ(values.source("network.reconnect_max_s"), "default");
  EXPECT_EQ(values.get_string("ocpp.security_profile"), "none");
  EXPECT_TRUE(values.get_bool("network.verify_certificates"));
  EXPECT_EQ(values.get_int("charging.phases"), 3);
  EXPECT_DOUBLE_EQ(values.get_double("charging.max_current_a"), 32.0);
}

TEST(ConfigLoad, QuotesAreOptionalForEveryType) {
  const auto loaded = load_file(
      test_schema(), url_line +
                         "security_profile = \"tls\"\n"
                         "[network]\nreconnect_min_s = \"7\"\nverify_certificates = 'no'\n"
                         "[charging]\nphases = \"1\"\nmax_current_a = \"16.5\"\n");
  ASSERT_TRUE(loaded.result.ok()) << loaded.errors.front();
  const auto& values = loaded.result.values();
  EXPECT_EQ(values.get_string("ocpp.security_profile"), "tls");
  EXPECT_EQ(values.get_seconds("network.reconnect_min_s"), 7s);
  EXPECT_FALSE(values.get_bool("network.verify_certificates"));
  EXPECT_EQ(values.get_int("charging.phases"), 1);
  EXPECT_DOUBLE_EQ(values.get_double("charging.max_current_a"), 16.5);
}

TEST(ConfigLoad, BadValueNamesFileLineKeyAndExpectation) {
  const auto loaded = load_file(test_schema(), url_line + "[network]\nreconnect_min_s = fast\n");
  EXPECT_FALSE(loaded.result.ok());
  EXPECT_EQ(
      loaded.errors,
      Errors{"chargepoint.conf:4: network.reconnect_min_s: expected a whole number of seconds "
             "from 1 to 3600, got \"fast\""});
}

TEST(ConfigLoad, UnknownKeySuggestsTheNearestOne) {
  const auto loaded = load_file(test_schema(), url_line + "[network]\nreconect_min_s = 5\n");
  EXPECT_EQ(loaded.errors, Errors{"chargepoint.conf:4: network.reconect_min_s: unknown setting; "
                                  "did you mean \"reconnect_min_s\"?"});
}

TEST(ConfigLoad, UnknownKeyWithoutANearOneListsTheSection) {
  const auto loaded = load_file(test_schema(), url_line + "[network]\ntimeout = 5\n");
  EXPECT_EQ(loaded.errors,
            Errors{"chargepoint.conf:4: network.timeout: unknown setting (known in [network]: "
                   "reconnect_min_s, reconnect_max_s, verify_certificates)"});
}

TEST(ConfigLoad, KeyInTheWrongSectionSaysWhereItBelongs) {
  const auto loaded = load_file(test_schema(), url_line + "[network]\ncharge_point_id = x\n");
  EXPECT_EQ(
      loaded.errors,
      Errors{
          "chargepoint.conf:4: network.charge_point_id: unknown setting; it belongs under [ocpp]"});
}

TEST(ConfigLoad, UnknownSectionIsReportedOnceNotPerKey) {
  const auto loaded =
      load_file(test_schema(), url_line + "[netwrk]\nreconnect_min_s = 5\nreconnect_max_s = 9\n");
  EXPECT_EQ(loaded.errors,
            Errors{"chargepoint.conf:3: [netwrk]: unknown section; did you mean [network]?"});
}

TEST(ConfigLoad, UnknownSectionWithoutANearOneListsTheSections) {
  const auto loaded = load_file(test_schema(), url_line + "[logging]\nlevel = debug\n");
  EXPECT_EQ(loaded.errors,
            Errors{"chargepoint.conf:3: [logging]: unknown section (known sections: [ocpp], "
                   "[network], [charging])"});
}

TEST(ConfigLoad, SectionNamesAreCaseSensitiveButSuggested) {
  const auto loaded = load_file(test_schema(), url_line + "[Network]\n");
  EXPECT_EQ(loaded.errors,
            Errors{"chargepoint.conf:3: [Network]: unknown section; did you mean [network]?"});
}

TEST(ConfigLoad, SettingOutsideAnySection) {
  const auto loaded = load_file(test_schema(), "reconnect_min_s = 5\nmystery = 1\n" + url_line);
  EXPECT_EQ(loaded.errors,
            (Errors{"chargepoint.conf:1: reconnect_min_s: setting outside any section; put it "
                    "under [network]",
                    "chargepoint.conf:2: mystery: setting outside any section; put it under the "
                    "[section] it belongs to"}));
}

TEST(ConfigLoad, DuplicateKeyIsAnErrorEvenAcrossRepeatedSections) {
  const auto loaded = load_file(
      test_schema(),
      url_line + "[network]\nreconnect_min_s = 5\n[ocpp]\n[network]\nreconnect_min_s = 6\n");
  EXPECT_EQ(loaded.errors,
            Errors{"chargepoint.conf:7: network.reconnect_min_s: set twice (first on line 4)"});
}

TEST(ConfigLoad, MissingValueIsAnErrorButEmptyQuotesAreNot) {
  const auto loaded = load_file(test_schema(),
                                "[ocpp]\ncentral_system_url =\ncharge_point_id =   # forgot\n"
                                "[network]\nreconnect_min_s =\n");
  EXPECT_EQ(loaded.errors, (Errors{"chargepoint.conf:2: ocpp.central_system_url: the value after "
                                   "\"=\" is missing; expected text "
                                   "(write \"\" for empty text)",
                                   "chargepoint.conf:3: ocpp.charge_point_id: the value after "
                                   "\"=\" is missing; expected text "
                                   "(write \"\" for empty text)",
                                   "chargepoint.conf:5: network.reconnect_min_s: the value after "
                                   "\"=\" is missing; expected a "
                                   "whole number of seconds from 1 to 3600"}));
  const auto empty = load_file(test_schema(), url_line + "charge_point_id = \"\"\n");
  ASSERT_TRUE(empty.result.ok());
  EXPECT_EQ(empty.result.values().get_string("ocpp.charge_point_id"), "");
}

TEST(ConfigLoad, SyntaxErrorsCarryLineAndKey) {
  const auto loaded =
      load_file(test_schema(), url_line + "charge_point_id = \"EO Box\n[network\nwhat is this\n");
  EXPECT_EQ(loaded.errors,
            (Errors{"chargepoint.conf:3: ocpp.charge_point_id: unterminated quoted value: the "
                    "closing \" is missing",
                    "chargepoint.conf:4: bad section header \"[network\": the closing ] is missing",
                    "chargepoint.conf:5: expected \"key = value\", a [section] header or a "
                    "comment, got \"what is "
                    "this\""}));
}

TEST(ConfigLoad, ReportsAllProblemsInLineOrder) {
  const auto loaded = load_file(test_schema(),
                                "[ocpp]\n"
                                "central_system_url = ws://x\n"
                                "security_profile = TLS1\n"   // 3: bad enum, suggestion
                                "charge_point_id = \"open\n"  // 4: syntax
                                "[network]\n"
                                "reconnect_min_s = 0\n"          // 6: out of range
                                "verify_certificates = maybe\n"  // 7: bad bool
                                "[charging]\n"
                                "phases = 4\n"           // 9: out of range
                                "max_current_a = 6,5\n"  // 10: comma decimal
                                "phase = 1\n");          // 11: typo
  ASSERT_EQ(loaded.errors.size(), 7U);
  EXPECT_EQ(loaded.errors[0],
            "chargepoint.conf:3: ocpp.security_profile: expected one of \"none\", \"basic\" or "
            "\"tls\", got \"TLS1\"; did you mean \"tls\"?");
  EXPECT_EQ(loaded.errors[1],
            "chargepoint.conf:4: ocpp.charge_point_id: unterminated quoted value: the closing \" "
            "is missing");
  EXPECT_EQ(loaded.errors[2],
            "chargepoint.conf:6: network.reconnect_min_s: expected a whole number of seconds "
            "from 1 to 3600, got \"0\"");
  EXPECT_EQ(loaded.errors[3],
            "chargepoint.conf:7: network.verify_certificates: expected true or false (also "
            "yes/no, on/off, 1/0), got \"maybe\"");
  EXPECT_EQ(loaded.errors[4],
            "chargepoint.conf:9: charging.phases: expected a whole number from 1 to 3, got \"4\"");
  EXPECT_EQ(loaded.errors[5],
            "chargepoint.conf:10: charging.max_current_a: expected a number from 6 to 32, got "
            "\"6,5\"");
  EXPECT_EQ(loaded.errors[6],
            "chargepoint.conf:11: charging.phase: unknown setting; did you mean \"phases\"?");
}

TEST(ConfigLoad, GotShowsTheValueQuotedSoItCanBePastedBack) {
  const auto loaded =
      load_file(test_schema(), url_line + "[charging]\nphases = \"two \\\"2\\\"\"\n");
  EXPECT_EQ(loaded.errors,
            Errors{"chargepoint.conf:4: charging.phases: expected a whole number from 1 to 3, got "
                   "\"two \\\"2\\\"\""});
}

TEST(ConfigLoad, WindowsLineEndingsAndByteOrderMark) {
  const auto loaded = load_file(test_schema(),
                                "\xEF\xBB\xBF[ocpp]\r\ncentral_system_url = ws://x\r\n"
                                "[network]\r\nreconnect_min_s = 9\r\n");
  ASSERT_TRUE(loaded.result.ok()) << loaded.errors.front();
  EXPECT_EQ(loaded.result.values().get_seconds("network.reconnect_min_s"), 9s);
}

TEST(ConfigLoad, MissingRequiredSettingNamesTheFileAndWhereToAddIt) {
  const auto loaded = load_file(test_schema(), "[network]\nreconnect_min_s = 5\n");
  EXPECT_EQ(loaded.errors,
            Errors{"chargepoint.conf: ocpp.central_system_url: required setting is missing "
                   "(WebSocket URL of the central system); add \"central_system_url = ...\" under "
                   "[ocpp]"});
}

TEST(ConfigLoad, ARequiredSettingGivenWronglyIsNotAlsoReportedMissing) {
  const auto schema = common::ConfigSchema{}.add_int("a.n", 1, 9, common::required, "A number");
  EXPECT_EQ(load_file(schema, "[a]\nn = ten\n").errors.size(), 1U);
  EXPECT_EQ(load_file(schema, "[a]\nn = \"ten\n").errors.size(), 1U);
  EXPECT_EQ(load_file(schema, "n = 5\n").errors.size(), 1U);
}

TEST(ConfigLoad, MissingFileIsAnErrorNamingThePath) {
  const config_test::TempDir dir;
  const auto path = dir.path() / "nope.conf";
  const auto loaded = common::load_config(test_schema(), path, {});
  EXPECT_EQ(loaded.errors(),
            Errors{path.string() + ": cannot read the config file: it does not exist"});
}

TEST(ConfigLoad, MissingFileStillChecksOverridesButDoesNotListRequiredSettings) {
  const config_test::TempDir dir;
  const auto path = dir.path() / "nope.conf";
  const auto loaded = common::load_config(test_schema(), path, {"network.reconnect_min_s=soon"});
  EXPECT_EQ(loaded.errors(),
            (Errors{path.string() + ": cannot read the config file: it does not exist",
                    "--set network.reconnect_min_s: expected a whole number of seconds from 1 to "
                    "3600, got \"soon\""}));
}

TEST(ConfigLoad, DirectoryIsNotAConfigFile) {
  const config_test::TempDir dir;
  const auto loaded = common::load_config(test_schema(), dir.path(), {});
  EXPECT_EQ(loaded.errors(),
            Errors{dir.path().string() + ": cannot read the config file: it is a directory"});
}

TEST(ConfigLoad, HugeFileIsRejected) {
  const config_test::TempDir dir;
  const auto path = dir.write("big.conf", std::string(std::size_t{2} * 1024 * 1024, '#'));
  const auto loaded = common::load_config(test_schema(), path, {});
  EXPECT_EQ(loaded.errors(),
            Errors{path.string() +
                   ": cannot read the config file: it is larger than 1 MiB, too large for a config "
                   "file"});
}

TEST(ConfigLoad, TextEntryPointUsesTheGivenName) {
  const auto loaded =
      common::load_config_text(test_schema(), "[network]\nreconnect_min_s = x\n", "inline", {});
  ASSERT_EQ(loaded.errors().size(), 2U);
  EXPECT_EQ(loaded.errors()[0],
            "inline:2: network.reconnect_min_s: expected a whole number of seconds from 1 to "
            "3600, got \"x\"");
  EXPECT_TRUE(loaded.errors()[1].starts_with(
      "inline: ocpp.central_system_url: required setting is missing"));
}

}  // namespace
