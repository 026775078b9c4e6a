#pragma once
// Start-up shared by both executables: command line, --help / --version / --print-config-template,
// the configuration file with its overrides, and logging. Errors are printed to stderr in full.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/command_line.hpp"
#include "common/config.hpp"

namespace common {

struct ProgramInfo {
  std::string name;     // `eo-chargepoint`
  std::string summary;  // one line for --help
  std::string version;
  std::vector<ProgramFlag> flags;  // program-specific flags
  const ConfigSchema* schema = nullptr;
  // Used when --config is not given, if the file exists (e.g. /etc/eo-ocpp/chargepoint.conf).
  std::optional<std::string> default_config_path;
};

struct ProgramStart {
  CommandLine command_line;
  ConfigValues config;
};

// Checks beyond the schema: settings that must fit together, files they name (e.g. loading a TLS
// certificate). Throws std::exception with the message. Run for --check-config and before the
// program starts; a failure is a configuration error (exit code 2).
using ConfigCheck = std::function<void(const ConfigValues&)>;

// Returns the parsed start-up, or nullopt with `exit_code` set: 0 after --help/--version/--print-config-template,
// 2 after a usage or configuration error (already reported on stderr).
std::optional<ProgramStart> start_program(int argc, const char* const* argv, const ProgramInfo& info, int& exit_code,
                                          const ConfigCheck& check = {});

// start_program, then `run(config)`; an exception escaping `run` is logged as fatal and gives exit code 1.
int run_program(int argc, const char* const* argv, const ProgramInfo& info,
                const std::function<int(const ConfigValues&)>& run, const ConfigCheck& check = {});

}  // namespace common
