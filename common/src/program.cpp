#include "common/program.hpp"

#include <filesystem>
#include <iostream>

#include <spdlog/spdlog.h>

#include "common/logging.hpp"

namespace common {

std::optional<ProgramStart> start_program(int argc, const char* const* argv, const ProgramInfo& info, int& exit_code,
                                          const ConfigCheck& check) {
  auto flags = info.flags;
  flags.push_back(ProgramFlag{"check-config", false, "Load and check the configuration, then exit (0 when valid)"});
  const auto parsed = parse_command_line(argc, argv, flags);
  if (!parsed) {
    std::cerr << info.name << ": " << parsed.error() << "\n\n" << render_usage(info.name, info.summary, flags);
    exit_code = 2;
    return std::nullopt;
  }
  const auto& command_line = parsed.value();
  if (command_line.help) {
    std::cout << render_usage(info.name, info.summary, flags);
    exit_code = 0;
    return std::nullopt;
  }
  if (command_line.version) {
    std::cout << info.name << " " << info.version << "\n";
    exit_code = 0;
    return std::nullopt;
  }
  if (command_line.print_config_template) {
    std::cout << render_default_config(*info.schema);
    exit_code = 0;
    return std::nullopt;
  }

  auto config_path = command_line.config_path;
  if (!config_path && info.default_config_path && std::filesystem::exists(*info.default_config_path)) {
    config_path = *info.default_config_path;
  }
  const auto loaded = load_config(*info.schema, config_path, command_line.overrides);
  if (!loaded) {
    std::cerr << info.name << ": the configuration has " << loaded.errors().size() << " problem(s):\n";
    for (const auto& error : loaded.errors()) std::cerr << "  " << error << "\n";
    exit_code = 2;
    return std::nullopt;
  }

  if (check) {
    try {
      check(loaded.values());
    } catch (const std::exception& e) {
      std::cerr << info.name << ": the configuration has 1 problem(s):\n  " << e.what() << "\n";
      exit_code = 2;
      return std::nullopt;
    }
  }

  if (command_line.has("check-config")) {
    std::cout << (config_path ? config_path->string() : std::string("the built-in defaults"))
              << ": the configuration is valid\n";
    exit_code = 0;
    return std::nullopt;
  }

  setup_logging(info.name, command_line.log_level.value_or(spdlog::level::info));
  spdlog::info("{} {} starting{}", info.name, info.version,
               config_path ? " with " + config_path->string() : std::string(" with built-in defaults"));
  exit_code = 0;
  return ProgramStart{command_line, loaded.values()};
}

int run_program(int argc, const char* const* argv, const ProgramInfo& info,
                const std::function<int(const ConfigValues&)>& run, const ConfigCheck& check) {
  int exit_code = 0;
  const auto start = start_program(argc, argv, info, exit_code, check);
  if (!start) return exit_code;
  try {
    return run(start->config);
  } catch (const std::exception& e) {
    spdlog::critical("fatal: {}", e.what());
    return 1;
  }
}

}  // namespace common
