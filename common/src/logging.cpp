#include "common/logging.hpp"

#include <cctype>
#include <string>

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace common {

namespace {

// journald stamps every line as well, but the time is kept for runs in a terminal and for logs that
// users copy into bug reports. Local time, as `journalctl` shows it.
constexpr const char* log_pattern = "%Y-%m-%d %H:%M:%S.%e %^%-7l%$ [%n] %v";

}  // namespace

void setup_logging(std::string_view program_name, spdlog::level::level_enum level) {
  const auto sink =
      std::make_shared<spdlog::sinks::stderr_color_sink_mt>(spdlog::color_mode::automatic);
  // Start-up only, before other threads log: swapping sinks is not thread-safe.
  spdlog::apply_all(
      [&](const std::shared_ptr<spdlog::logger>& existing) { existing->sinks().assign({sink}); });
  spdlog::set_default_logger(std::make_shared<spdlog::logger>(std::string(program_name), sink));
  spdlog::set_pattern(log_pattern);
  spdlog::set_level(level);
}

std::optional<spdlog::level::level_enum> parse_log_level(std::string_view text) {
  std::string lowered(text);
  for (char& c : lowered) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lowered == "trace") return spdlog::level::trace;
  if (lowered == "debug") return spdlog::level::debug;
  if (lowered == "info") return spdlog::level::info;
  if (lowered == "warn" || lowered == "warning") return spdlog::level::warn;
  if (lowered == "error") return spdlog::level::err;
  return std::nullopt;
}

std::shared_ptr<spdlog::logger> component_logger(std::string_view name) {
  const std::string logger_name(name);
  if (auto existing = spdlog::get(logger_name)) return existing;
  const auto& sinks = spdlog::default_logger()->sinks();
  auto logger = std::make_shared<spdlog::logger>(logger_name, sinks.begin(), sinks.end());
  // Takes the global pattern and level, and registers the logger so setup_logging() can reach it.
  try {
    spdlog::initialize_logger(logger);
  } catch (const spdlog::spdlog_ex&) {
    // Another thread registered the same name in between; use theirs.
    if (auto existing = spdlog::get(logger_name)) return existing;
    throw;
  }
  return logger;
}

}  // namespace common
