#pragma once
// Logging goes to stderr only: on the Pi, systemd's journal captures it, and log files would wear
// out the SD card. Call setup_logging() once, first thing in main().
#include <memory>
#include <optional>
#include <string_view>

#include <spdlog/common.h>

namespace spdlog {
class logger;
}

namespace common {

// Makes a stderr logger named `program_name` the default one (the one `spdlog::info(...)` uses),
// with a `time level [name] message` pattern and `level` as the threshold for every logger. Colours
// only when stderr is a terminal, so the journal gets plain text. Loggers created earlier are moved
// onto stderr too.
void setup_logging(std::string_view program_name, spdlog::level::level_enum level);

// trace, debug, info, warn (or warning), error; any letter case. nullopt for anything else.
std::optional<spdlog::level::level_enum> parse_log_level(std::string_view text);

// A logger for one component (`ws`, `hal`, `tx`) that writes where the default logger writes, so
// its lines are tagged `[ws]`. Returns the existing one when the name is already registered.
std::shared_ptr<spdlog::logger> component_logger(std::string_view name);

}  // namespace common
