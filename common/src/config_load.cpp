#include <algorithm>
#include <cerrno>
#include <fstream>
#include <set>
#include <sstream>
#include <system_error>

#include "common/config.hpp"
#include "common/config_suggest.hpp"
#include "common/config_syntax.hpp"

namespace common {

namespace {

// A config file is a few kilobytes; anything this big is the wrong file (a log, a firmware image).
constexpr std::uintmax_t max_file_size_bytes = std::uintmax_t{1024} * 1024;

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string text;
  for (const std::string& item : items) {
    if (!text.empty()) text += separator;
    text += item;
  }
  return text;
}

class Loader {
 public:
  explicit Loader(const ConfigSchema& schema) : schema_(schema) {}

  void check_document(const ConfigDocument& document, std::string_view file_name) {
    const std::vector<std::string> known_sections = schema_.sections();
    std::set<std::string, std::less<>> unknown_sections;
    for (const ConfigSectionHeader& header : document.sections) {
      if (std::find(known_sections.begin(), known_sections.end(), header.name) !=
          known_sections.end())
        continue;
      unknown_sections.insert(header.name);
      std::string message = "[" + header.name + "]: unknown section";
      if (const auto suggestion = closest_match(header.name, known_sections)) {
        message += "; did you mean [" + *suggestion + "]?";
      } else {
        message += " (known sections: [" + join(known_sections, "], [") + "])";
      }
      file_problem(file_name, header.line_number, std::move(message));
    }
    for (const ConfigSyntaxError& error : document.errors) {
      if (!error.key.empty()) attempted_.insert(error.key);
      file_problem(file_name, error.line_number,
                   error.key.empty() ? error.message : error.key + ": " + error.message);
    }
    std::map<std::string, int, std::less<>> first_line_numbers;
    for (const ConfigEntry& entry : document.entries) {
      if (unknown_sections.contains(entry.section)) continue;  // reported once, at the header
      const std::string source = std::string(file_name) + ":" + std::to_string(entry.line_number);
      if (entry.section.empty()) {
        file_problem(file_name, entry.line_number, outside_section_message(entry.key));
        continue;
      }
      const std::string key = entry.section + "." + entry.key;
      const SettingSpec* spec = schema_.find(key);
      if (spec == nullptr) {
        file_problem(file_name, entry.line_number, unknown_key_message(entry.section, entry.key));
        continue;
      }
      attempted_.insert(key);
      const auto [first, inserted] = first_line_numbers.emplace(key, entry.line_number);
      if (!inserted) {
        file_problem(file_name, entry.line_number,
                     key + ": set twice (first on line " + std::to_string(first->second) + ")");
        continue;
      }
      if (entry.value.empty() && !entry.quoted) {
        std::string message =
            key + ": the value after \"=\" is missing; expected " + spec->expected();
        if (spec->type == SettingType::String) message += " (write \"\" for empty text)";
        file_problem(file_name, entry.line_number, std::move(message));
        continue;
      }
      if (auto problem = assign(*spec, entry.value, source)) {
        file_problem(file_name, entry.line_number, key + ": " + *problem);
      }
    }
    // Syntax errors and schema errors were found in two passes; users read them top to bottom.
    std::stable_sort(file_problems_.begin(), file_problems_.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
  }

  void apply_overrides(const std::vector<std::string>& overrides) {
    for (const std::string& raw : overrides) {
      const std::size_t equals = raw.find('=');
      if (equals == std::string::npos || trim(std::string_view(raw).substr(0, equals)).empty()) {
        other_problems_.push_back("--set " + raw + ": expected section.key=value");
        continue;
      }
      const std::string key(trim(std::string_view(raw).substr(0, equals)));
      const std::string_view value = trim(std::string_view(raw).substr(equals + 1));
      const SettingSpec* spec = schema_.find(key);
      if (spec == nullptr) {
        std::string message = "--set " + key + ": unknown setting";
        std::vector<std::string> keys;
        for (const SettingSpec& known : schema_.settings()) keys.push_back(known.key);
        if (const auto suggestion = closest_match(key, keys)) {
          message += "; did you mean \"" + *suggestion + "\"?";
        } else {
          message += " (--print-config-template lists them all)";
        }
        other_problems_.push_back(std::move(message));
        continue;
      }
      attempted_.insert(key);
      if (auto problem = assign(*spec, value, "--set"))
        other_problems_.push_back("--set " + key + ": " + *problem);
    }
  }

  // `file_name` is empty when no file was given.
  void check_required(std::string_view file_name) {
    for (const SettingSpec& spec : schema_.settings()) {
      if (spec.default_value || values_.contains(spec.key) || attempted_.contains(spec.key))
        continue;
      std::string message = spec.key + ": required setting is missing (" + spec.description + "); ";
      if (file_name.empty()) {
        message += "give a config file with --config or pass --set " + spec.key + "=...";
      } else {
        message.insert(0, std::string(file_name) + ": ");
        message.append("add \"")
            .append(spec.name())
            .append(" = ...\" under [")
            .append(spec.section())
            .append("]");
      }
      other_problems_.push_back(std::move(message));
    }
  }

  void add_problem(std::string problem) { other_problems_.push_back(std::move(problem)); }

  ConfigLoadResult finish() && {
    std::vector<std::string> problems;
    for (auto& [line_number, text] : file_problems_) problems.push_back(std::move(text));
    for (std::string& text : other_problems_) problems.push_back(std::move(text));
    if (!problems.empty()) return ConfigLoadResult(std::move(problems));
    for (const SettingSpec& spec : schema_.settings()) {
      if (!values_.contains(spec.key)) {
        values_.emplace(spec.key,
                        ConfigValues::Entry{
                            .type = spec.type, .value = *spec.default_value, .source = "default"});
      }
    }
    return ConfigLoadResult(ConfigValues(std::move(values_)));
  }

 private:
  // Stores the value, or returns what is wrong with it.
  std::optional<std::string> assign(const SettingSpec& spec, std::string_view text,
                                    const std::string& source) {
    if (auto value = spec.parse(text)) {
      values_.insert_or_assign(
          spec.key,
          ConfigValues::Entry{.type = spec.type, .value = std::move(*value), .source = source});
      return std::nullopt;
    }
    std::string problem = "expected " + spec.expected() + ", got " + quote_config_string(text);
    if (spec.type == SettingType::Enum) {
      if (const auto suggestion = closest_match(text, spec.choices))
        problem += "; did you mean \"" + *suggestion + "\"?";
    }
    return problem;
  }

  // Not const: the setting it probably meant counts as given, so it is not also reported missing.
  std::string outside_section_message(const std::string& name) {
    std::string message = name + ": setting outside any section; ";
    for (const SettingSpec& spec : schema_.settings()) {
      if (spec.name() != name) continue;
      attempted_.insert(spec.key);
      return message + "put it under [" + spec.section() + "]";
    }
    return message + "put it under the [section] it belongs to";
  }

  std::string unknown_key_message(const std::string& section, const std::string& name) const {
    std::string message = section + "." + name + ": unknown setting";
    std::vector<std::string> names_in_section;
    for (const SettingSpec& spec : schema_.settings()) {
      if (spec.section() == section) names_in_section.push_back(spec.name());
    }
    if (const auto suggestion = closest_match(name, names_in_section)) {
      return message + "; did you mean \"" + *suggestion + "\"?";
    }
    for (const SettingSpec& spec : schema_.settings()) {
      if (spec.name() == name) return message + "; it belongs under [" + spec.section() + "]";
    }
    return message + " (known in [" + section + "]: " + join(names_in_section, ", ") + ")";
  }

  void file_problem(std::string_view file_name, int line_number, std::string text) {
    file_problems_.emplace_back(
        line_number,
        std::string(file_name) + ":" + std::to_string(line_number) + ": " + std::move(text));
  }

  const ConfigSchema& schema_;
  std::map<std::string, ConfigValues::Entry, std::less<>> values_;
  std::set<std::string, std::less<>> attempted_;  // keys that were given, even if wrongly
  std::vector<std::pair<int, std::string>> file_problems_;
  std::vector<std::string> other_problems_;
};

struct FileRead {
  std::string text;
  std::optional<std::string> error;  // why it cannot be read
};

FileRead read_config_file(const std::filesystem::path& path) {
  std::error_code error;
  const auto status = std::filesystem::status(path, error);
  if (status.type() == std::filesystem::file_type::not_found)
    return {.text = {}, .error = "it does not exist"};
  if (std::filesystem::is_directory(status)) return {.text = {}, .error = "it is a directory"};
  errno = 0;
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    const int reason = errno;
    return {.text = {},
            .error = reason != 0 ? std::error_code(reason, std::generic_category()).message()
                                 : "it cannot be opened"};
  }
  const auto size_bytes = std::filesystem::file_size(path, error);
  if (!error && size_bytes > max_file_size_bytes) {
    return {.text = {}, .error = "it is larger than 1 MiB, too large for a config file"};
  }
  std::ostringstream text;
  text << file.rdbuf();
  return {.text = std::move(text).str(), .error = std::nullopt};
}

}  // namespace

ConfigLoadResult load_config(const ConfigSchema& schema,
                             const std::optional<std::filesystem::path>& file_path,
                             const std::vector<std::string>& overrides) {
  if (!file_path) {
    Loader loader(schema);
    loader.apply_overrides(overrides);
    loader.check_required({});
    return std::move(loader).finish();
  }
  const std::string file_name = file_path->string();
  const FileRead file = read_config_file(*file_path);
  if (!file.error) return load_config_text(schema, file.text, file_name, overrides);
  Loader loader(schema);
  loader.add_problem(file_name + ": cannot read the config file: " + *file.error);
  // Still check the overrides, but not for missing required settings: they are most likely in the
  // file.
  loader.apply_overrides(overrides);
  return std::move(loader).finish();
}

ConfigLoadResult load_config_text(const ConfigSchema& schema, std::string_view text,
                                  std::string_view file_name,
                                  const std::vector<std::string>& overrides) {
  Loader loader(schema);
  loader.check_document(parse_config_text(text), file_name);
  loader.apply_overrides(overrides);
  loader.check_required(file_name);
  return std::move(loader).finish();
}

}  // namespace common
