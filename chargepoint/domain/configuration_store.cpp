#include "domain/configuration_store.hpp"

#include "domain/meter_measurands.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace chargepoint {
namespace {

std::optional<double> parse_decimal(std::string_view text) {
  double value = 0;
  // OCPP 1.6 §9: decimals as plain text with a '.'; no exponent, no "inf" or "nan".
  const auto [end, ec] =
      std::from_chars(text.data(), text.data() + text.size(), value, std::chars_format::fixed);
  if (ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(value))
    return std::nullopt;
  return value;
}

std::string thousandths(std::int64_t value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", static_cast<double>(value) / 1000);
  return text;
}

std::optional<std::int64_t> parse_int(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

ConfigurationStore::ConfigurationStore() {
  for (const auto& key : configuration_keys())
    values_.emplace(std::string(key.name), std::string(key.default_value));
}

std::optional<std::string> ConfigurationStore::check_value(const KeyDefinition& key,
                                                           std::string_view value) {
  switch (key.type) {
    case KeyType::Boolean:
      // OCPP 1.6 §9: booleans are "true" / "false"; accept any letter case, as CSMSs vary.
      {
        std::string lower(value);
        std::transform(lower.begin(), lower.end(), lower.begin(),
                       [](unsigned char c) { return std::tolower(c); });
        if (lower != "true" && lower != "false") return "expected true or false";
      }
      return std::nullopt;
    case KeyType::Integer: {
      const auto number = parse_int(value);
      if (!number) return "expected a whole number";
      if (*number < key.min || *number > key.max) {
        return "expected " + std::to_string(key.min) + " to " + std::to_string(key.max);
      }
      return std::nullopt;
    }
    case KeyType::Decimal: {
      const auto number = parse_decimal(value);
      if (!number) return "expected a decimal number such as 1.05";
      if (*number * 1000 < static_cast<double>(key.min) ||
          *number * 1000 > static_cast<double>(key.max)) {
        return "expected " + thousandths(key.min) + " to " + thousandths(key.max);
      }
      return std::nullopt;
    }
    case KeyType::MeasurandList:
      // OCPP 1.6 §9.1: a list naming anything the box cannot measure is Rejected as a whole.
      return check_measurand_list(value, static_cast<std::size_t>(key.max));
    case KeyType::ProfileList:
    case KeyType::String:
      // For strings, `max` is the longest value allowed.
      if (static_cast<std::int64_t>(value.size()) > key.max) {
        return "longer than " + std::to_string(key.max) + " characters";
      }
      return std::nullopt;
  }
  return "unknown type";
}

std::optional<std::string> ConfigurationStore::get(std::string_view key) const {
  const auto it = values_.find(key);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

bool ConfigurationStore::readable(std::string_view key) const {
  const auto* definition = find_key(key);
  return definition != nullptr && definition->access != KeyAccess::WriteOnly;
}

std::int64_t ConfigurationStore::get_int(std::string_view key) const {
  const auto* definition = find_key(key);
  if (definition == nullptr || definition->type != KeyType::Integer) {
    throw std::logic_error("not an integer configuration key: " + std::string(key));
  }
  return parse_int(values_.find(key)->second).value_or(0);
}

bool ConfigurationStore::get_bool(std::string_view key) const {
  const auto* definition = find_key(key);
  if (definition == nullptr || definition->type != KeyType::Boolean) {
    throw std::logic_error("not a boolean configuration key: " + std::string(key));
  }
  const auto& value = values_.find(key)->second;
  return value.size() == 4 && (value[0] == 't' || value[0] == 'T');
}

void ConfigurationStore::store(const KeyDefinition& key, std::string_view value) {
  std::string text(value);
  if (key.type == KeyType::Boolean) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return std::tolower(c); });
  }
  auto& slot = values_[std::string(key.name)];
  if (slot == text) return;
  slot = std::move(text);
  for (const auto& listener : listeners_) listener(key.name, slot);
}

ChangeResult ConfigurationStore::change(std::string_view key, std::string_view value) {
  const auto* definition = find_key(key);
  if (definition == nullptr) return ChangeResult::NotSupported;
  if (definition->access == KeyAccess::ReadOnly) return ChangeResult::Rejected;
  if (check_value(*definition, value)) return ChangeResult::Rejected;
  store(*definition, value);
  return definition->reboot_required ? ChangeResult::RebootRequired : ChangeResult::Accepted;
}

bool ConfigurationStore::set_internal(std::string_view key, std::string_view value) {
  const auto* definition = find_key(key);
  if (definition == nullptr || check_value(*definition, value)) return false;
  store(*definition, value);
  return true;
}

std::vector<std::string_view> ConfigurationStore::keys() const {
  std::vector<std::string_view> names;
  for (const auto& key : configuration_keys()) names.push_back(key.name);
  return names;
}

}  // namespace chargepoint
