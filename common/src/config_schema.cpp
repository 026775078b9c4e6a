#include <algorithm>
#include <charconv>
#include <cmath>
#include <stdexcept>

#include "common/config.hpp"
#include "common/config_syntax.hpp"

namespace common {

namespace {

std::string to_lower(std::string_view text) {
  std::string lowered(text);
  for (char& c : lowered) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lowered;
}

std::string format_double(double value) {
  // Shortest text that reads back as the same double, independent of the locale.
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

// Plain decimal: optional sign, digits, nothing else (no blanks, no `0x`, no `1_000`, no `1.0`).
std::optional<std::int64_t> parse_whole_number(std::string_view text) {
  if (text.starts_with('+')) text.remove_prefix(1);
  std::int64_t value = 0;
  const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || result.ec != std::errc{} || result.ptr != text.data() + text.size())
    return std::nullopt;
  return value;
}

std::optional<double> parse_number(std::string_view text) {
  if (text.starts_with('+')) text.remove_prefix(1);
  double value = 0;
  const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
  // from_chars also reads "inf" and "nan"; neither is a sensible setting.
  if (text.empty() || result.ec != std::errc{} || result.ptr != text.data() + text.size() ||
      !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

std::optional<bool> parse_bool(std::string_view text) {
  const std::string lowered = to_lower(text);
  for (const char* yes : {"true", "yes", "on", "1"}) {
    if (lowered == yes) return true;
  }
  for (const char* no : {"false", "no", "off", "0"}) {
    if (lowered == no) return false;
  }
  return std::nullopt;
}

[[noreturn]] void schema_error(const std::string& key, const std::string& problem) {
  throw std::logic_error("config schema: " + quote_config_string(key) + ": " + problem);
}

SettingSpec make_spec(std::string key, SettingType type, std::string description) {
  SettingSpec spec;
  spec.key = std::move(key);
  spec.type = type;
  spec.description = std::move(description);
  return spec;
}

// Whether `value`, written into a config file as the template writes it, reads back unchanged.
bool round_trips(const SettingSpec& spec, const ConfigValue& value) {
  const ConfigDocument document = parse_config_text("[s]\nk = " + spec.format(value) + "\n");
  return document.errors.empty() && document.entries.size() == 1 &&
         spec.parse(document.entries.front().value) == value;
}

bool has_line_break(std::string_view text) {
  return text.find_first_of("\r\n") != std::string_view::npos;
}

}  // namespace

std::string SettingSpec::section() const {
  return key.substr(0, key.find('.'));
}

std::string SettingSpec::name() const {
  return key.substr(key.find('.') + 1);
}

std::string SettingSpec::expected() const {
  switch (type) {
    case SettingType::String:
      return "text";
    case SettingType::Int:
      return "a whole number from " + std::to_string(int_min) + " to " + std::to_string(int_max);
    case SettingType::Double:
      return "a number from " + format_double(double_min) + " to " + format_double(double_max);
    case SettingType::Bool:
      return "true or false (also yes/no, on/off, 1/0)";
    case SettingType::Enum: {
      std::string text = choices.size() == 1 ? "" : "one of ";
      for (std::size_t i = 0; i < choices.size(); ++i) {
        if (i > 0) text += i + 1 == choices.size() ? " or " : ", ";
        text += quote_config_string(choices[i]);
      }
      return text;
    }
    case SettingType::Seconds:
      return "a whole number of seconds from " + std::to_string(int_min) + " to " +
             std::to_string(int_max);
  }
  return {};
}

std::optional<ConfigValue> SettingSpec::parse(std::string_view text) const {
  switch (type) {
    case SettingType::String:
      return ConfigValue{std::string(text)};
    case SettingType::Int:
    case SettingType::Seconds: {
      const auto number = parse_whole_number(text);
      if (!number || *number < int_min || *number > int_max) return std::nullopt;
      if (type == SettingType::Seconds) return ConfigValue{std::chrono::seconds{*number}};
      return ConfigValue{*number};
    }
    case SettingType::Double: {
      const auto number = parse_number(text);
      if (!number || *number < double_min || *number > double_max) return std::nullopt;
      return ConfigValue{*number};
    }
    case SettingType::Bool: {
      const auto flag = parse_bool(text);
      if (!flag) return std::nullopt;
      return ConfigValue{*flag};
    }
    case SettingType::Enum: {
      const std::string lowered = to_lower(text);
      for (const std::string& choice : choices) {
        if (to_lower(choice) == lowered) return ConfigValue{choice};
      }
      return std::nullopt;
    }
  }
  return std::nullopt;
}

std::string SettingSpec::format(const ConfigValue& value) const {
  if (const auto* text = std::get_if<std::string>(&value)) {
    // Enum choices are usually plain words; strings are always quoted so blanks and `#` survive.
    if (type == SettingType::Enum && is_config_name(*text)) return *text;
    return quote_config_string(*text);
  }
  if (const auto* number = std::get_if<std::int64_t>(&value)) return std::to_string(*number);
  if (const auto* real = std::get_if<double>(&value)) return format_double(*real);
  if (const auto* flag = std::get_if<bool>(&value)) return *flag ? "true" : "false";
  return std::to_string(std::get<std::chrono::seconds>(value).count());
}

ConfigSchema& ConfigSchema::add_string(std::string key, Default<std::string> default_value,
                                       std::string description) {
  if (default_value && has_line_break(*default_value))
    schema_error(key, "the default contains a line break");
  SettingSpec spec = make_spec(std::move(key), SettingType::String, std::move(description));
  if (default_value) spec.default_value = ConfigValue{std::move(*default_value)};
  return add(std::move(spec));
}

ConfigSchema& ConfigSchema::add_int(std::string key, std::int64_t min, std::int64_t max,
                                    Default<std::int64_t> default_value, std::string description) {
  SettingSpec spec = make_spec(std::move(key), SettingType::Int, std::move(description));
  spec.int_min = min;
  spec.int_max = max;
  if (default_value) spec.default_value = ConfigValue{*default_value};
  return add(std::move(spec));
}

ConfigSchema& ConfigSchema::add_double(std::string key, double min, double max,
                                       Default<double> default_value, std::string description) {
  if (!std::isfinite(min) || !std::isfinite(max)) schema_error(key, "the bounds must be finite");
  SettingSpec spec = make_spec(std::move(key), SettingType::Double, std::move(description));
  spec.double_min = min;
  spec.double_max = max;
  if (default_value) spec.default_value = ConfigValue{*default_value};
  return add(std::move(spec));
}

ConfigSchema& ConfigSchema::add_bool(std::string key, Default<bool> default_value,
                                     std::string description) {
  SettingSpec spec = make_spec(std::move(key), SettingType::Bool, std::move(description));
  if (default_value) spec.default_value = ConfigValue{*default_value};
  return add(std::move(spec));
}

ConfigSchema& ConfigSchema::add_enum(std::string key, std::vector<std::string> choices,
                                     Default<std::string> default_value, std::string description) {
  if (choices.empty()) schema_error(key, "an enum needs at least one choice");
  for (std::size_t i = 0; i < choices.size(); ++i) {
    if (choices[i].empty() || has_line_break(choices[i]))
      schema_error(key, "empty or multi-line choice");
    for (std::size_t j = 0; j < i; ++j) {
      // Values are matched ignoring case, so two choices differing only in case could not be told
      // apart.
      if (to_lower(choices[i]) == to_lower(choices[j]))
        schema_error(key, "duplicate choice " + choices[i]);
    }
  }
  if (default_value && std::find(choices.begin(), choices.end(), *default_value) == choices.end()) {
    schema_error(
        key, "the default " + quote_config_string(*default_value) + " is not one of the choices");
  }
  SettingSpec spec = make_spec(std::move(key), SettingType::Enum, std::move(description));
  spec.choices = std::move(choices);
  if (default_value) spec.default_value = ConfigValue{std::move(*default_value)};
  return add(std::move(spec));
}

ConfigSchema& ConfigSchema::add_seconds(std::string key, std::chrono::seconds min,
                                        std::chrono::seconds max,
                                        Default<std::chrono::seconds> default_value,
                                        std::string description) {
  SettingSpec spec = make_spec(std::move(key), SettingType::Seconds, std::move(description));
  spec.int_min = min.count();
  spec.int_max = max.count();
  if (default_value) spec.default_value = ConfigValue{*default_value};
  return add(std::move(spec));
}

ConfigSchema& ConfigSchema::add(SettingSpec spec) {
  const std::size_t dot = spec.key.find('.');
  if (dot == std::string::npos || !is_config_name(spec.key.substr(0, dot)) ||
      !is_config_name(spec.key.substr(dot + 1))) {
    schema_error(spec.key, "a key is section.name, each made of letters, digits, \"_\" and \"-\"");
  }
  if (find(spec.key) != nullptr) schema_error(spec.key, "declared twice");
  if (spec.description.empty() || has_line_break(spec.description)) {
    schema_error(spec.key, "the description must be one non-empty line");
  }
  if (spec.int_min > spec.int_max || spec.double_min > spec.double_max)
    schema_error(spec.key, "min > max");
  // The default goes through the same checks as a value from the file, so the template round-trips.
  if (spec.default_value && !round_trips(spec, *spec.default_value)) {
    schema_error(spec.key,
                 "the default " + spec.format(*spec.default_value) + " is not " + spec.expected());
  }
  settings_.push_back(std::move(spec));
  return *this;
}

const SettingSpec* ConfigSchema::find(std::string_view key) const {
  const auto it = std::find_if(settings_.begin(), settings_.end(),
                               [&](const SettingSpec& spec) { return spec.key == key; });
  return it == settings_.end() ? nullptr : &*it;
}

std::vector<std::string> ConfigSchema::sections() const {
  std::vector<std::string> names;
  for (const SettingSpec& spec : settings_) {
    std::string section = spec.section();
    if (std::find(names.begin(), names.end(), section) == names.end())
      names.push_back(std::move(section));
  }
  return names;
}

}  // namespace common
