#pragma once
// The command line both executables share: the common options below plus flags a program declares.
// Options are `--name value` or `--name=value`; `-h` is `--help`. No positional arguments.
//
//   --config FILE              --set SECTION.KEY=VALUE (repeatable)
//   --log-level LEVEL          --print-config-template
//   --help                     --version
//
// Parsing never prints or exits: main() decides, so tests can run it and the usage goes where main
// wants.
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/logging.hpp"

namespace common {

struct ProgramFlag {
  std::string name;  // without the leading "--"
  bool takes_value = false;
  std::string help;                  // one line
  std::string value_name = "VALUE";  // in the usage text: `--port PORT`
};

struct CommandLine {
  std::optional<std::filesystem::path> config_path;
  std::vector<std::string> overrides;  // `--set` arguments in order, for load_config()
  std::optional<spdlog::level::level_enum> log_level;
  bool print_config_template = false;
  bool help = false;
  bool version = false;
  // Program flags that were given: name → value (empty for flags without a value).
  std::map<std::string, std::string, std::less<>> program_flags;

  bool has(std::string_view flag_name) const { return program_flags.contains(flag_name); }
  std::optional<std::string> value(std::string_view flag_name) const;
};

class CommandLineResult {
 public:
  explicit CommandLineResult(CommandLine command_line) : state_(std::move(command_line)) {}
  explicit CommandLineResult(std::string error) : state_(std::move(error)) {}

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }
  const CommandLine& value() const {
    return std::get<0>(state_);
  }  // std::bad_variant_access when !ok()
  const std::string& error() const {
    return std::get<1>(state_);
  }  // std::bad_variant_access when ok()

 private:
  std::variant<CommandLine, std::string> state_;
};

// `args` excludes the program name. A program flag that clashes with a common option, is declared
// twice or has a malformed name throws std::logic_error. The one error message says what was wrong.
CommandLineResult parse_command_line(const std::vector<std::string>& args,
                                     const std::vector<ProgramFlag>& program_flags = {});
CommandLineResult parse_command_line(int argc, const char* const* argv,
                                     const std::vector<ProgramFlag>& program_flags = {});

// `Usage: program [options]`, the summary line and every option with its help, aligned.
std::string render_usage(std::string_view program_name, std::string_view summary,
                         const std::vector<ProgramFlag>& program_flags = {});

}  // namespace common
