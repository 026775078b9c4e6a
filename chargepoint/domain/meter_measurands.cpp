#include "domain/meter_measurands.hpp"

#include <algorithm>
#include <array>

namespace chargepoint {
namespace {

using ocpp::messages::enum_from_string;

// What the EO box (or its simulator) measures; see hal::MeterSample. The energy register is the
// charge point's own (EnergyRegister), not the HAL's raw integrator.
constexpr std::array k_meter_measurands{
    Measurand::EnergyActiveImportRegister,
    Measurand::PowerActiveImport,
    Measurand::CurrentImport,
    Measurand::CurrentOffered,
    Measurand::Voltage,
    Measurand::Frequency,
    Measurand::Temperature,
    Measurand::SoC,
};

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

std::string quoted_item(std::size_t index, std::string_view item) {
  return "item " + std::to_string(index) + " (\"" + std::string(item) + "\")";
}

}  // namespace

std::span<const Measurand> meter_measurands() {
  return k_meter_measurands;
}

bool is_meter_measurand(Measurand measurand) {
  return std::find(k_meter_measurands.begin(), k_meter_measurands.end(), measurand) !=
         k_meter_measurands.end();
}

MeasurandListResult parse_measurand_list(std::string_view text, std::size_t max_items) {
  std::vector<Measurand> measurands;
  if (trim(text).empty()) return measurands;
  std::size_t index = 0;
  while (true) {
    ++index;
    const auto comma = text.find(',');
    const auto item = trim(text.substr(0, comma));
    if (item.empty()) {
      return MeasurandListError{"item " + std::to_string(index) + " is empty"};
    }
    // Names are case-sensitive: the 1.6 schemas list them as exact enumerations.
    const auto measurand = enum_from_string<Measurand>(item);
    if (!measurand)
      return MeasurandListError{quoted_item(index, item) + " is not an OCPP 1.6 measurand"};
    if (!is_meter_measurand(*measurand)) {
      return MeasurandListError{quoted_item(index, item) +
                                " is not a measurand this charge point supports"};
    }
    if (std::find(measurands.begin(), measurands.end(), *measurand) != measurands.end()) {
      return MeasurandListError{quoted_item(index, item) + " is listed twice"};
    }
    measurands.push_back(*measurand);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  if (measurands.size() > max_items) {
    return MeasurandListError{std::to_string(measurands.size()) + " measurands, at most " +
                              std::to_string(max_items) + " allowed"};
  }
  return measurands;
}

std::optional<std::string> check_measurand_list(std::string_view text, std::size_t max_items) {
  auto result = parse_measurand_list(text, max_items);
  if (auto* error = std::get_if<MeasurandListError>(&result)) return std::move(error->reason);
  return std::nullopt;
}

std::vector<Measurand> measurands_or_empty(std::string_view text, std::size_t max_items) {
  auto result = parse_measurand_list(text, max_items);
  if (auto* list = std::get_if<std::vector<Measurand>>(&result)) return std::move(*list);
  return {};
}

}  // namespace chargepoint
