#pragma once
// Builds OCPP 1.6 MeterValue entries (timestamp + sampledValue list) from a HAL meter sample: the
// pure half of MeterValues.req and of StopTransaction's transactionData.
#include <optional>
#include <span>

#include "common/clock.hpp"
#include "hal/types.hpp"
#include "ocpp/messages/meter_value.hpp"

namespace chargepoint {

// Everything known about the meter at one instant.
struct MeterSnapshot {
  // The instant the values stand for: the sample time, or the aligned boundary for Sample.Clock.
  common::WallTime time;
  // The latest reading from the board; nullopt when there is none worth reporting (link down, board
  // starting). Then only the energy register is reported.
  std::optional<hal::MeterSample> sample;
  // The charge point's energy register (EnergyRegister::value_wh), nullopt before it is known.
  std::optional<double> register_wh;
  // Conductors of the box's supply (hal::Capabilities::phases): decides whether values carry a
  // phase.
  int supply_phases = 1;
};

// One MeterValue with a SampledValue per requested measurand that can be reported now, in the order
// of `measurands`; nullopt when none can (nothing to send). Every value carries its measurand,
// context and unit explicitly, even where the spec's defaults would do, so that no central system
// has to apply them.
//
// Values: Energy.Active.Import.Register in whole Wh (rounded down, like the StartTransaction /
// StopTransaction meterStart/meterStop integers), Power.Active.Import in whole W, currents,
// voltage, frequency and temperature with one decimal, SoC in whole percent. A value that is not
// finite, or negative where only positive values have a meaning, is omitted: a faulty HAL must not
// reach a bill.
//
// Phases (OCPP 1.6 §7.45: "When phase is absent, the measured value is interpreted as an overall
// value"; §4.7: phase-dependent values are reported from the meter's point of view):
// - single-phase box: no phase at all. The overall value is exact, and which line of the building
//   feeds the box is not known to the charge point.
// - multi-phase box: Current.Import once per conductor the vehicle draws on, L1..Ln (a one-phase
// vehicle
//   draws on the connector's L1, IEC 62196-2), because an overall current of several conductors
//   would be ambiguous (sum or per conductor?). Voltage is line to neutral on one line: L1-N.
// Frequency has no unit: the 1.6 UnitOfMeasure has none for it (the 1.6 errata v4.0 note the gap,
// but the 1.6 JSON schemas, ours included, accept no value for Hz). Temperature is the box's
// (location Body), in "Celcius": the 2025-04 OCPP-J 1.6 erratum on that spelling tells charge
// points to keep sending the schema's original spelling, which every 1.6 JSON validator accepts.
// SoC is the vehicle's (location EV).
std::optional<ocpp::messages::MeterValue> build_meter_value(
    const MeterSnapshot& snapshot, std::span<const ocpp::messages::Measurand> measurands,
    ocpp::messages::ReadingContext context);

}  // namespace chargepoint
