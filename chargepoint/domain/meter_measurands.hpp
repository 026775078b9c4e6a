#pragma once
// The measurands this charge point can report, and the measurand-list configuration values
// (MeterValuesSampledData, MeterValuesAlignedData, StopTxnSampledData, StopTxnAlignedData).
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "ocpp/messages/meter_value.hpp"

namespace chargepoint {

using ocpp::messages::Measurand;

// Every measurand build_meter_value() knows how to produce, in the order values are reported.
// Whether one is present in a given sample still depends on the box (no temperature sensor, no SoC
// from the vehicle, link to the board down): those are omitted then, never invented.
std::span<const Measurand> meter_measurands();
bool is_meter_measurand(Measurand measurand);

struct MeasurandListError {
  std::string reason;  // e.g. "item 3 (\"RPM\") is not a measurand this charge point supports"
};
using MeasurandListResult = std::variant<std::vector<Measurand>, MeasurandListError>;

// Parses a comma-separated measurand list (OCPP 1.6 §9.1, type CSL). Spaces and tabs around items
// are ignored; an empty or all-blank value is the empty list (report nothing). The whole list is
// refused when any item is empty, unknown, unsupported by this box or repeated, or when there are
// more than `max_items`: OCPP 1.6 §9.1 has ChangeConfiguration answer Rejected when a list names a
// measurand the charge point does not support, and a half-applied list would report something
// nobody asked for.
MeasurandListResult parse_measurand_list(std::string_view text, std::size_t max_items);

// For the ChangeConfiguration path: why `text` is not an acceptable measurand list, or nullopt.
std::optional<std::string> check_measurand_list(std::string_view text, std::size_t max_items);

// The configured measurand list for use at run time: the parsed list, or empty when the stored text
// is invalid (it never is when every write went through check_measurand_list).
std::vector<Measurand> measurands_or_empty(std::string_view text, std::size_t max_items);

}  // namespace chargepoint
