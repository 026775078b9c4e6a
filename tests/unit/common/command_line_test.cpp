#include <gtest/gtest.h>

#include <stdexcept>

#include "common/command_line.hpp"

namespace {
using common::parse_command_line;
using common::ProgramFlag;
using Args = std::vector<std::string>;

const std::vector<ProgramFlag> program_flags = {
    {.name = "simulate", .takes_value = false, .help = "use the simulated board", .value_name = {}},
    {.name = "port", .takes_value = true, .help = "listen on PORT", .value_name = "PORT"},
};

std::string error_of(const Args& args) {
  const auto result = parse_command_line(args, program_flags);
  return result.ok() ? "(no error)" : result.error();
}

TEST(CommandLine, NothingGivenIsValid) {
  const auto result = parse_command_line(Args{});
  ASSERT_TRUE(result.ok());
  const auto& cli = result.value();
  EXPECT_FALSE(cli.config_path);
  EXPECT_TRUE(cli.overrides.empty());
  EXPECT_FALSE(cli.log_level);
  EXPECT_FALSE(cli.help || cli.version || cli.print_config_template);
  EXPECT_TRUE(cli.program_flags.empty());
}

TEST(CommandLine, CommonOptionsInBothSpellings) {
  const auto result = parse_command_line(Args{"--config", "/etc/eo/chargepoint.conf", "--set",
                                              "a.b=1", "--set=c.d=x=y", "--log-level=debug",
                                              "--print-config-template", "--version", "--help"});
  ASSERT_TRUE(result.ok()) << result.error();
  const auto& cli = result.value();
  EXPECT_EQ(cli.config_path, std::filesystem::path("/etc/eo/chargepoint.conf"));
  EXPECT_EQ(cli.overrides, (Args{"a.b=1", "c.d=x=y"}));
  EXPECT_EQ(cli.log_level, spdlog::level::debug);
  EXPECT_TRUE(cli.print_config_template);
  EXPECT_TRUE(cli.version);
  EXPECT_TRUE(cli.help);

  const auto other = parse_command_line(Args{"--config=x.conf", "--log-level", "WARN"});
  ASSERT_TRUE(other.ok()) << other.error();
  EXPECT_EQ(other.value().config_path, std::filesystem::path("x.conf"));
  EXPECT_EQ(other.value().log_level, spdlog::level::warn);
}

TEST(CommandLine, DashHIsHelp) {
  const auto result = parse_command_line(Args{"-h"});
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(result.value().help);
}

TEST(CommandLine, ProgramFlags) {
  const auto result = parse_command_line(Args{"--simulate", "--port", "8080"}, program_flags);
  ASSERT_TRUE(result.ok()) << result.error();
  const auto& cli = result.value();
  EXPECT_TRUE(cli.has("simulate"));
  EXPECT_EQ(cli.value("simulate"), "");
  EXPECT_EQ(cli.value("port"), "8080");
  EXPECT_FALSE(cli.has("other"));
  EXPECT_EQ(cli.value("other"), std::nullopt);

  const auto inline_value = parse_command_line(Args{"--port=-1"}, program_flags);
  ASSERT_TRUE(inline_value.ok());
  EXPECT_EQ(inline_value.value().value("port"), "-1");
  const auto dash_value = parse_command_line(Args{"--port", "-1"}, program_flags);
  ASSERT_TRUE(dash_value.ok());
  EXPECT_EQ(dash_value.value().value("port"), "-1");
}

TEST(CommandLine, ArgvOverloadSkipsTheProgramName) {
  const char* argv[] = {"eo-chargepoint", "--config", "a.conf", "--simulate"};
  const auto result = parse_command_line(4, argv, program_flags);
  ASSERT_TRUE(result.ok()) << result.error();
  EXPECT_EQ(result.value().config_path, std::filesystem::path("a.conf"));
  EXPECT_TRUE(result.value().has("simulate"));
}

TEST(CommandLine, Errors) {
  EXPECT_EQ(error_of({"--confg", "x"}), "unknown option \"--confg\"; did you mean \"--config\"?");
  EXPECT_EQ(error_of({"--simulat"}), "unknown option \"--simulat\"; did you mean \"--simulate\"?");
  EXPECT_EQ(error_of({"--frobnicate"}),
            "unknown option \"--frobnicate\" (--help lists the options)");
  EXPECT_EQ(error_of({"--frobnicate=1"}),
            "unknown option \"--frobnicate\" (--help lists the options)");
  EXPECT_EQ(error_of({"-c"}), "unknown option \"-c\" (--help lists the options)");
  EXPECT_EQ(error_of({"chargepoint.conf"}),
            "unexpected argument \"chargepoint.conf\" (options start with --)");
  EXPECT_EQ(error_of({"--"}), "unexpected argument \"--\" (options start with --)");
  EXPECT_EQ(error_of({"-"}), "unexpected argument \"-\" (options start with --)");
  EXPECT_EQ(error_of({"--config"}), "--config needs a value (FILE)");
  EXPECT_EQ(error_of({"--config="}), "--config needs a value (FILE)");
  EXPECT_EQ(error_of({"--config", "--help"}), "--config needs a value (FILE)");
  EXPECT_EQ(error_of({"--set"}), "--set needs a value (SECTION.KEY=VALUE)");
  EXPECT_EQ(error_of({"--port"}), "--port needs a value (PORT)");
  EXPECT_EQ(error_of({"--help=yes"}), "--help does not take a value");
  EXPECT_EQ(error_of({"--simulate=1"}), "--simulate does not take a value");
  EXPECT_EQ(error_of({"--config", "a", "--config=b"}), "--config given more than once");
  EXPECT_EQ(error_of({"--port", "1", "--port", "2"}), "--port given more than once");
  EXPECT_EQ(error_of({"--log-level", "verbose"}),
            "--log-level: expected trace, debug, info, warn or error, got \"verbose\"");
  // The first problem is the one reported.
  EXPECT_EQ(error_of({"--bogus", "--config"}),
            "unknown option \"--bogus\" (--help lists the options)");
}

TEST(CommandLine, SetIsRepeatableAndKeepsOrder) {
  const auto result =
      parse_command_line(Args{"--set", "a.b=1", "--set", "a.b=2", "--set=c.d= spaced "});
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result.value().overrides, (Args{"a.b=1", "a.b=2", "c.d= spaced "}));
}

TEST(CommandLine, BadProgramFlagDeclarationsAreProgrammingErrors) {
  const auto declare = [](ProgramFlag flag) {
    return parse_command_line(Args{}, {std::move(flag)});
  };
  EXPECT_THROW(declare({.name = "config", .takes_value = true, .help = "x", .value_name = "F"}),
               std::logic_error);
  EXPECT_THROW(declare({.name = "--dashes", .takes_value = false, .help = "x", .value_name = {}}),
               std::logic_error);
  EXPECT_THROW(declare({.name = "", .takes_value = false, .help = "x", .value_name = {}}),
               std::logic_error);
  EXPECT_THROW(declare({.name = "a=b", .takes_value = false, .help = "x", .value_name = {}}),
               std::logic_error);
  EXPECT_THROW(parse_command_line(Args{}, {program_flags[0], program_flags[0]}), std::logic_error);
}

TEST(CommandLine, UsageListsEveryOptionAligned) {
  const std::string usage =
      common::render_usage("eo-chargepoint", "OCPP 1.6J charge point daemon", program_flags);
  EXPECT_EQ(usage,
            "Usage: eo-chargepoint [options]\n"
            "OCPP 1.6J charge point daemon\n"
            "\n"
            "Options:\n"
            "  --config FILE            read the settings from FILE\n"
            "  --set SECTION.KEY=VALUE  override one setting of the config file (repeatable)\n"
            "  --log-level LEVEL        how much to log: trace, debug, info, warn or error\n"
            "  --print-config-template  print a config file with every setting, its description "
            "and default, "
            "then exit\n"
            "  --help                   show this help, then exit\n"
            "  --version                show the version, then exit\n"
            "  --simulate               use the simulated board\n"
            "  --port PORT              listen on PORT\n");
}

}  // namespace
