#include <gtest/gtest.h>

#include <regex>

#include <spdlog/spdlog.h>

#include "common/logging.hpp"

namespace {
using common::parse_log_level;

TEST(Logging, ParsesTheDocumentedLevels) {
  EXPECT_EQ(parse_log_level("trace"), spdlog::level::trace);
  EXPECT_EQ(parse_log_level("debug"), spdlog::level::debug);
  EXPECT_EQ(parse_log_level("info"), spdlog::level::info);
  EXPECT_EQ(parse_log_level("warn"), spdlog::level::warn);
  EXPECT_EQ(parse_log_level("warning"), spdlog::level::warn);
  EXPECT_EQ(parse_log_level("error"), spdlog::level::err);
  EXPECT_EQ(parse_log_level("DEBUG"), spdlog::level::debug);
  for (const char* bad : {"", "verbose", "err", "critical", "off", " info", "3"}) {
    EXPECT_EQ(parse_log_level(bad), std::nullopt) << bad;
  }
}

TEST(Logging, WritesToStderrWithTimeLevelAndName) {
  const auto previous = spdlog::default_logger();
  const auto early =
      common::component_logger("early");  // created before setup: moved onto stderr too
  testing::internal::CaptureStderr();
  common::setup_logging("chargepoint", spdlog::level::info);
  spdlog::info("hello {}", 42);
  spdlog::debug("below the threshold");
  common::component_logger("ws")->warn("reconnecting");
  early->error("still here");
  const std::string output = testing::internal::GetCapturedStderr();
  const std::regex expected(
      R"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} info    \[chargepoint\] hello 42
\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} warning \[ws\] reconnecting
\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} error   \[early\] still here
)");
  EXPECT_TRUE(std::regex_match(output, expected)) << output;
  EXPECT_EQ(common::component_logger("ws"), spdlog::get("ws"));
  spdlog::drop("ws");
  spdlog::drop("early");
  spdlog::set_default_logger(previous);
}

}  // namespace
