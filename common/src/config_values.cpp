#include <algorithm>
#include <stdexcept>

#include "common/config.hpp"

namespace common {

namespace {

const char* type_name(SettingType type) {
  switch (type) {
    case SettingType::String:
      return "a string";
    case SettingType::Int:
      return "an int";
    case SettingType::Double:
      return "a double";
    case SettingType::Bool:
      return "a bool";
    case SettingType::Enum:
      return "an enum";
    case SettingType::Seconds:
      return "a duration in seconds";
  }
  return "?";
}

}  // namespace

const ConfigValues::Entry& ConfigValues::entry(std::string_view key,
                                               std::initializer_list<SettingType> types,
                                               const char* getter) const {
  const auto it = entries_.find(key);
  if (it == entries_.end()) {
    throw std::logic_error("config key \"" + std::string(key) + "\" is not declared in the schema");
  }
  if (std::find(types.begin(), types.end(), it->second.type) == types.end()) {
    throw std::logic_error("config key \"" + std::string(key) + "\" is " +
                           type_name(it->second.type) + ", not readable with " + getter);
  }
  return it->second;
}

const std::string& ConfigValues::get_string(std::string_view key) const {
  return std::get<std::string>(
      entry(key, {SettingType::String, SettingType::Enum}, "get_string").value);
}

std::int64_t ConfigValues::get_int(std::string_view key) const {
  return std::get<std::int64_t>(entry(key, {SettingType::Int}, "get_int").value);
}

double ConfigValues::get_double(std::string_view key) const {
  return std::get<double>(entry(key, {SettingType::Double}, "get_double").value);
}

bool ConfigValues::get_bool(std::string_view key) const {
  return std::get<bool>(entry(key, {SettingType::Bool}, "get_bool").value);
}

std::chrono::seconds ConfigValues::get_seconds(std::string_view key) const {
  return std::get<std::chrono::seconds>(entry(key, {SettingType::Seconds}, "get_seconds").value);
}

const std::string& ConfigValues::source(std::string_view key) const {
  const auto it = entries_.find(key);
  if (it == entries_.end()) {
    throw std::logic_error("config key \"" + std::string(key) + "\" is not declared in the schema");
  }
  return it->second.source;
}

const ConfigValues& ConfigLoadResult::values() const {
  if (!ok())
    throw std::logic_error("config values used although loading failed: " + errors_.front());
  return values_;
}

}  // namespace common
