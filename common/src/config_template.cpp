#include "common/config.hpp"

namespace common {

namespace {

// Kept short: the people editing this file read it on a Raspberry Pi console. The syntax it
// explains is the one in config_syntax.hpp.
constexpr std::string_view header =
    "# Configuration file.\n"
    "#\n"
    "# A line \"[section]\" starts a section; a line \"key = value\" sets a setting in it.\n"
    "# Lines starting with # or ; are comments, and so is the rest of a line after \" #\" or \" "
    ";\".\n"
    "# Quotes around values are optional. Use double quotes to keep spaces at the ends, or a # or "
    ";\n"
    "# after a space; inside them write \\\" for a quote and \\\\ for a backslash.\n"
    "# Any setting can also be given on the command line as --set section.key=value.\n"
    "#\n"
    "# Settings below show their defaults. Required settings have no default: remove the # in\n"
    "# front of them and fill in a value.\n";

std::string capitalized(std::string text) {
  if (!text.empty() && text.front() >= 'a' && text.front() <= 'z') {
    text.front() = static_cast<char>(text.front() - 'a' + 'A');
  }
  return text;
}

}  // namespace

std::string render_default_config(const ConfigSchema& schema) {
  std::string text(header);
  for (const std::string& section : schema.sections()) {
    text += "\n[" + section + "]\n";
    bool first = true;
    for (const SettingSpec& spec : schema.settings()) {
      if (spec.section() != section) continue;
      if (!first) text += "\n";
      first = false;
      text += "# " + spec.description + "\n";
      text += "# " + capitalized(spec.expected());
      if (spec.default_value) {
        const std::string value = spec.format(*spec.default_value);
        text += ". Default: " + value + ".\n";
        text += spec.name() + " = " + value + "\n";
      } else {
        text += ". Required.\n";
        text += "#" + spec.name() + " =\n";
      }
    }
  }
  return text;
}

}  // namespace common
