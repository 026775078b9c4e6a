#pragma once
// Configuration: each program declares its settings in a ConfigSchema, then load_config() reads one
// human-editable file (syntax: config_syntax.hpp) plus `--set section.key=value` overrides and
// returns either every value, validated and typed, or the list of ALL problems found, each naming
// the file, line, key and what was expected. Reporting everything at once matters on a charger:
// each round trip of "edit, restart, read the journal" is slow for the people who install them.
//
//   common::ConfigSchema schema;
//   schema.add_string("ocpp.central_system_url", common::required, "Central system URL")
//       .add_seconds("network.reconnect_min_s", 1s, 3600s, 1s, "First reconnect wait");
//   const auto loaded = common::load_config(schema, cli.config_path, cli.overrides);
//   if (!loaded) { for (const auto& e : loaded.errors()) std::cerr << e << '\n'; return 2; }
//   const auto wait = loaded.values().get_seconds("network.reconnect_min_s");
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace common {

enum class SettingType { String, Int, Double, Bool, Enum, Seconds };

// Enum values are held as their (canonical) string.
using ConfigValue = std::variant<std::string, std::int64_t, double, bool, std::chrono::seconds>;

// A default value, or `required` for a setting that has none.
template <class T>
using Default = std::optional<T>;
inline constexpr std::nullopt_t required = std::nullopt;

struct SettingSpec {
  std::string key;  // `section.key`
  SettingType type = SettingType::String;
  std::string description;                   // one line
  std::optional<ConfigValue> default_value;  // nullopt: required
  // Inclusive bounds: Int and Seconds use the integer pair, Double the other one.
  std::int64_t int_min = 0;
  std::int64_t int_max = 0;
  double double_min = 0;
  double double_max = 0;
  std::vector<std::string> choices;  // Enum only

  std::string section() const;
  std::string name() const;  // the key without its section
  // What a valid value looks like, for messages and the template: `a whole number from 1 to 10`.
  std::string expected() const;
  // Parses and range-checks one value as written (quotes already removed). Bools accept
  // true/false/yes/no/on/off/1/0 and enum values any letter case (both stored canonically); numbers
  // are plain decimals with an optional sign.
  std::optional<ConfigValue> parse(std::string_view text) const;
  // How the value is written in a config file (text quoted and escaped); reading that back through
  // the file syntax and parse() gives the same value, which ConfigSchema checks for every default.
  std::string format(const ConfigValue& value) const;
};

class ConfigSchema {
 public:
  // Each adder throws std::logic_error for a programming mistake: a malformed or duplicate key, an
  // empty or multi-line description, min > max, a default outside its own range.
  ConfigSchema& add_string(std::string key, Default<std::string> default_value,
                           std::string description);
  ConfigSchema& add_int(std::string key, std::int64_t min, std::int64_t max,
                        Default<std::int64_t> default_value, std::string description);
  ConfigSchema& add_double(std::string key, double min, double max, Default<double> default_value,
                           std::string description);
  ConfigSchema& add_bool(std::string key, Default<bool> default_value, std::string description);
  ConfigSchema& add_enum(std::string key, std::vector<std::string> choices,
                         Default<std::string> default_value, std::string description);
  ConfigSchema& add_seconds(std::string key, std::chrono::seconds min, std::chrono::seconds max,
                            Default<std::chrono::seconds> default_value, std::string description);

  const std::vector<SettingSpec>& settings() const { return settings_; }  // in declaration order
  const SettingSpec* find(std::string_view key) const;
  std::vector<std::string> sections() const;  // in order of first declaration

 private:
  ConfigSchema& add(SettingSpec spec);

  std::vector<SettingSpec> settings_;
};

// Loaded values. Asking for a key the schema does not declare, or with the wrong getter, is a bug
// in the program rather than in the file, so it throws std::logic_error.
class ConfigValues {
 public:
  struct Entry {
    SettingType type = SettingType::String;
    ConfigValue value;
    std::string source;  // "default", "chargepoint.conf:12" or "--set"
  };

  ConfigValues() = default;
  explicit ConfigValues(std::map<std::string, Entry, std::less<>> entries)
      : entries_(std::move(entries)) {}

  const std::string& get_string(std::string_view key) const;  // String and Enum settings
  std::int64_t get_int(std::string_view key) const;
  double get_double(std::string_view key) const;
  bool get_bool(std::string_view key) const;
  std::chrono::seconds get_seconds(std::string_view key) const;
  // Where the value came from, so a start-up log can say why a setting has the value it has.
  const std::string& source(std::string_view key) const;

 private:
  const Entry& entry(std::string_view key, std::initializer_list<SettingType> types,
                     const char* getter) const;

  std::map<std::string, Entry, std::less<>> entries_;
};

class ConfigLoadResult {
 public:
  explicit ConfigLoadResult(ConfigValues values) : values_(std::move(values)) {}
  explicit ConfigLoadResult(std::vector<std::string> errors) : errors_(std::move(errors)) {}

  bool ok() const { return errors_.empty(); }
  explicit operator bool() const { return ok(); }
  // Throws std::logic_error when !ok(): using values that failed to load is a bug.
  const ConfigValues& values() const;
  const std::vector<std::string>& errors() const { return errors_; }

 private:
  ConfigValues values_;
  std::vector<std::string> errors_;
};

// `overrides` are the `--set` arguments as given, `section.key=value`; blanks around the key and
// the value are dropped and no quotes are removed (the shell already did that). Overrides beat the
// file; for a key given twice the last one wins. Without a file every required setting needs an
// override.
ConfigLoadResult load_config(const ConfigSchema& schema,
                             const std::optional<std::filesystem::path>& file_path,
                             const std::vector<std::string>& overrides);

// The same from text already in memory; `file_name` is what messages call it.
ConfigLoadResult load_config_text(const ConfigSchema& schema, std::string_view text,
                                  std::string_view file_name,
                                  const std::vector<std::string>& overrides);

// A complete, commented config file: every section and setting with its description, what it
// accepts and its default. Settings with a default are written out with it; required ones are
// commented out for the user to fill in. Loading it (with the required ones overridden) yields the
// defaults.
std::string render_default_config(const ConfigSchema& schema);

}  // namespace common
