#pragma once
// The OCPP configuration keys this charge point has (OCPP 1.6 §9), as data: type, access, limits.
#include <cstdint>
#include <span>
#include <string_view>

namespace chargepoint {

enum class KeyType { Boolean, Integer, Decimal, MeasurandList, ProfileList, String };
enum class KeyAccess { ReadOnly, ReadWrite, WriteOnly };

struct KeyDefinition {
  std::string_view name;
  KeyType type;
  KeyAccess access;
  std::string_view default_value;
  bool reboot_required = false;
  std::int64_t min = 0;          // integers; decimals: in thousandths (500 = 0.5)
  std::int64_t max = 86400 * 7;  // integers; decimals in thousandths; lists: most items
};

// Measurands the EO box (or its simulator) can report; a list naming any other is Rejected as a
// whole.
std::span<const std::string_view> supported_measurands();
std::span<const KeyDefinition> configuration_keys();
const KeyDefinition* find_key(std::string_view name);

}  // namespace chargepoint
