#include "common/command_line.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "common/config_suggest.hpp"

namespace common {

namespace {

const std::vector<ProgramFlag>& common_flags() {
  static const std::vector<ProgramFlag> flags = {
      {.name = "config",
       .takes_value = true,
       .help = "read the settings from FILE",
       .value_name = "FILE"},
      {.name = "set",
       .takes_value = true,
       .help = "override one setting of the config file (repeatable)",
       .value_name = "SECTION.KEY=VALUE"},
      {.name = "log-level",
       .takes_value = true,
       .help = "how much to log: trace, debug, info, warn or error",
       .value_name = "LEVEL"},
      {.name = "print-config-template",
       .takes_value = false,
       .help = "print a config file with every setting, its description and default, then exit",
       .value_name = {}},
      {.name = "help", .takes_value = false, .help = "show this help, then exit", .value_name = {}},
      {.name = "version",
       .takes_value = false,
       .help = "show the version, then exit",
       .value_name = {}},
  };
  return flags;
}

void check_program_flags(const std::vector<ProgramFlag>& program_flags) {
  std::set<std::string, std::less<>> names;
  for (const ProgramFlag& flag : common_flags()) names.insert(flag.name);
  for (const ProgramFlag& flag : program_flags) {
    if (flag.name.empty() || flag.name.starts_with('-') ||
        flag.name.find('=') != std::string::npos) {
      throw std::logic_error("program flag \"" + flag.name +
                             "\": give the name without dashes or \"=\"");
    }
    if (!names.insert(flag.name).second) {
      throw std::logic_error("program flag \"--" + flag.name +
                             "\" is declared twice or clashes with a common one");
    }
  }
}

class Parser {
 public:
  explicit Parser(const std::vector<ProgramFlag>& program_flags) : program_flags_(program_flags) {}

  CommandLineResult run(const std::vector<std::string>& args) {
    for (std::size_t i = 0; i < args.size(); ++i) {
      const std::string& arg = args[i];
      std::string name;
      std::optional<std::string> inline_value;
      if (arg == "-h") {
        name = "help";
      } else if (arg.starts_with("--") && arg.size() > 2) {
        const std::size_t equals = arg.find('=');
        name = arg.substr(2, equals == std::string::npos ? std::string::npos : equals - 2);
        if (equals != std::string::npos) inline_value = arg.substr(equals + 1);
      } else if (arg.starts_with('-') && arg.size() > 1 && arg != "--") {
        return fail(unknown_option(arg));
      } else {
        return fail("unexpected argument \"" + arg + "\" (options start with --)");
      }
      const ProgramFlag* flag = find(name);
      if (flag == nullptr) return fail(unknown_option("--" + name));
      std::string value;
      if (!flag->takes_value) {
        if (inline_value) return fail("--" + name + " does not take a value");
      } else if (inline_value) {
        value = *inline_value;
      } else if (i + 1 < args.size() && !args[i + 1].starts_with("--")) {
        value = args[++i];
      }
      if (flag->takes_value && value.empty())
        return fail("--" + name + " needs a value (" + flag->value_name + ")");
      if (auto error = apply(*flag, std::move(value))) return fail(std::move(*error));
    }
    return CommandLineResult(std::move(result_));
  }

 private:
  const ProgramFlag* find(std::string_view name) const {
    for (const auto* flags : {&common_flags(), &program_flags_}) {
      const auto it = std::find_if(flags->begin(), flags->end(),
                                   [&](const ProgramFlag& f) { return f.name == name; });
      if (it != flags->end()) return &*it;
    }
    return nullptr;
  }

  std::string unknown_option(const std::string& option) const {
    std::vector<std::string> known;
    for (const auto* flags : {&common_flags(), &program_flags_}) {
      for (const ProgramFlag& flag : *flags) known.push_back("--" + flag.name);
    }
    std::string message = "unknown option \"" + option + "\"";
    if (const auto suggestion = closest_match(option, known))
      return message + "; did you mean \"" + *suggestion + "\"?";
    return message + " (--help lists the options)";
  }

  // Returns an error message, or nullopt when the option was taken.
  std::optional<std::string> apply(const ProgramFlag& flag, std::string value) {
    const std::string& name = flag.name;
    if (name == "set") {
      result_.overrides.push_back(std::move(value));
      return std::nullopt;
    }
    // Everything else is single-valued: with two of them, which one was meant is a guess.
    if (!seen_.insert(name).second) return "--" + name + " given more than once";
    if (name == "config") {
      result_.config_path = std::filesystem::path(value);
    } else if (name == "log-level") {
      result_.log_level = parse_log_level(value);
      if (!result_.log_level)
        return "--log-level: expected trace, debug, info, warn or error, got \"" + value + "\"";
    } else if (name == "print-config-template") {
      result_.print_config_template = true;
    } else if (name == "help") {
      result_.help = true;
    } else if (name == "version") {
      result_.version = true;
    } else {
      result_.program_flags.emplace(name, std::move(value));
    }
    return std::nullopt;
  }

  static CommandLineResult fail(std::string message) {
    return CommandLineResult(std::move(message));
  }

  const std::vector<ProgramFlag>& program_flags_;
  CommandLine result_;
  std::set<std::string, std::less<>> seen_;
};

}  // namespace

std::optional<std::string> CommandLine::value(std::string_view flag_name) const {
  const auto it = program_flags.find(flag_name);
  if (it == program_flags.end()) return std::nullopt;
  return it->second;
}

CommandLineResult parse_command_line(const std::vector<std::string>& args,
                                     const std::vector<ProgramFlag>& program_flags) {
  check_program_flags(program_flags);
  return Parser(program_flags).run(args);
}

CommandLineResult parse_command_line(int argc, const char* const* argv,
                                     const std::vector<ProgramFlag>& program_flags) {
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i) args.emplace_back(argv[i]);
  return parse_command_line(args, program_flags);
}

std::string render_usage(std::string_view program_name, std::string_view summary,
                         const std::vector<ProgramFlag>& program_flags) {
  check_program_flags(program_flags);
  std::vector<std::pair<std::string, std::string>> rows;
  for (const auto* flags : {&common_flags(), &program_flags}) {
    for (const ProgramFlag& flag : *flags) {
      rows.emplace_back("--" + flag.name + (flag.takes_value ? " " + flag.value_name : ""),
                        flag.help);
    }
  }
  std::size_t width = 0;
  for (const auto& row : rows) width = std::max(width, row.first.size());
  std::string text = "Usage: " + std::string(program_name) + " [options]\n";
  if (!summary.empty()) text += std::string(summary) + "\n";
  text += "\nOptions:\n";
  for (const auto& [option, help] : rows) {
    text.append("  ")
        .append(option)
        .append(width - option.size() + 2, ' ')
        .append(help)
        .append("\n");
  }
  return text;
}

}  // namespace common
