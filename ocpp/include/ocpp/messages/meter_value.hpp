#pragma once
// MeterValue and SampledValue (OCPP 1.6 §7) with their enumerations; used by MeterValues and by
// StopTransaction's transactionData.
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ocpp/messages/json_fields.hpp"

namespace ocpp::messages {

// OCPP 1.6 §7 ReadingContext. Absent means Sample.Periodic.
enum class ReadingContext {
  InterruptionBegin,
  InterruptionEnd,
  SampleClock,
  SamplePeriodic,
  TransactionBegin,
  TransactionEnd,
  Trigger,
  Other,
};
template <>
struct EnumNames<ReadingContext> {
  static constexpr auto names = std::to_array<std::pair<ReadingContext, std::string_view>>({
      {ReadingContext::InterruptionBegin, "Interruption.Begin"},
      {ReadingContext::InterruptionEnd, "Interruption.End"},
      {ReadingContext::SampleClock, "Sample.Clock"},
      {ReadingContext::SamplePeriodic, "Sample.Periodic"},
      {ReadingContext::TransactionBegin, "Transaction.Begin"},
      {ReadingContext::TransactionEnd, "Transaction.End"},
      {ReadingContext::Trigger, "Trigger"},
      {ReadingContext::Other, "Other"},
  });
};

// OCPP 1.6 §7 ValueFormat. Absent means Raw.
enum class ValueFormat { Raw, SignedData };
template <>
struct EnumNames<ValueFormat> {
  static constexpr auto names = std::to_array<std::pair<ValueFormat, std::string_view>>({
      {ValueFormat::Raw, "Raw"},
      {ValueFormat::SignedData, "SignedData"},
  });
};

// OCPP 1.6 §7 Measurand. Absent means Energy.Active.Import.Register.
enum class Measurand {
  EnergyActiveExportRegister,
  EnergyActiveImportRegister,
  EnergyReactiveExportRegister,
  EnergyReactiveImportRegister,
  EnergyActiveExportInterval,
  EnergyActiveImportInterval,
  EnergyReactiveExportInterval,
  EnergyReactiveImportInterval,
  PowerActiveExport,
  PowerActiveImport,
  PowerOffered,
  PowerReactiveExport,
  PowerReactiveImport,
  PowerFactor,
  CurrentImport,
  CurrentExport,
  CurrentOffered,
  Voltage,
  Frequency,
  Temperature,
  SoC,
  RPM,
};
template <>
struct EnumNames<Measurand> {
  static constexpr auto names = std::to_array<std::pair<Measurand, std::string_view>>({
      {Measurand::EnergyActiveExportRegister, "Energy.Active.Export.Register"},
      {Measurand::EnergyActiveImportRegister, "Energy.Active.Import.Register"},
      {Measurand::EnergyReactiveExportRegister, "Energy.Reactive.Export.Register"},
      {Measurand::EnergyReactiveImportRegister, "Energy.Reactive.Import.Register"},
      {Measurand::EnergyActiveExportInterval, "Energy.Active.Export.Interval"},
      {Measurand::EnergyActiveImportInterval, "Energy.Active.Import.Interval"},
      {Measurand::EnergyReactiveExportInterval, "Energy.Reactive.Export.Interval"},
      {Measurand::EnergyReactiveImportInterval, "Energy.Reactive.Import.Interval"},
      {Measurand::PowerActiveExport, "Power.Active.Export"},
      {Measurand::PowerActiveImport, "Power.Active.Import"},
      {Measurand::PowerOffered, "Power.Offered"},
      {Measurand::PowerReactiveExport, "Power.Reactive.Export"},
      {Measurand::PowerReactiveImport, "Power.Reactive.Import"},
      {Measurand::PowerFactor, "Power.Factor"},
      {Measurand::CurrentImport, "Current.Import"},
      {Measurand::CurrentExport, "Current.Export"},
      {Measurand::CurrentOffered, "Current.Offered"},
      {Measurand::Voltage, "Voltage"},
      {Measurand::Frequency, "Frequency"},
      {Measurand::Temperature, "Temperature"},
      {Measurand::SoC, "SoC"},
      {Measurand::RPM, "RPM"},
  });
};

// OCPP 1.6 §7 Phase: a single phase, or phase to neutral / phase to phase for voltages.
enum class Phase { L1, L2, L3, N, L1N, L2N, L3N, L1L2, L2L3, L3L1 };
template <>
struct EnumNames<Phase> {
  static constexpr auto names = std::to_array<std::pair<Phase, std::string_view>>({
      {Phase::L1, "L1"},
      {Phase::L2, "L2"},
      {Phase::L3, "L3"},
      {Phase::N, "N"},
      {Phase::L1N, "L1-N"},
      {Phase::L2N, "L2-N"},
      {Phase::L3N, "L3-N"},
      {Phase::L1L2, "L1-L2"},
      {Phase::L2L3, "L2-L3"},
      {Phase::L3L1, "L3-L1"},
  });
};

// OCPP 1.6 §7 Location of the measurement. Absent means Outlet.
enum class Location { Cable, EV, Inlet, Outlet, Body };
template <>
struct EnumNames<Location> {
  static constexpr auto names = std::to_array<std::pair<Location, std::string_view>>({
      {Location::Cable, "Cable"},
      {Location::EV, "EV"},
      {Location::Inlet, "Inlet"},
      {Location::Outlet, "Outlet"},
      {Location::Body, "Body"},
  });
};

// OCPP 1.6 §7 UnitOfMeasure. Absent means Wh. The original 1.6 JSON schema spelt "Celcius" while
// the SOAP WSDL says "Celsius"; the schema set we pin lists both, and both occur in the field. They
// are distinct enumerators so that whatever a peer sent is echoed unchanged; treat them as the same
// unit.
enum class UnitOfMeasure {
  Wh,
  kWh,
  varh,
  kvarh,
  W,
  kW,
  VA,
  kVA,
  var,
  kvar,
  A,
  V,
  K,
  Celcius,
  Celsius,
  Fahrenheit,
  Percent,
};
template <>
struct EnumNames<UnitOfMeasure> {
  static constexpr auto names = std::to_array<std::pair<UnitOfMeasure, std::string_view>>({
      {UnitOfMeasure::Wh, "Wh"},
      {UnitOfMeasure::kWh, "kWh"},
      {UnitOfMeasure::varh, "varh"},
      {UnitOfMeasure::kvarh, "kvarh"},
      {UnitOfMeasure::W, "W"},
      {UnitOfMeasure::kW, "kW"},
      {UnitOfMeasure::VA, "VA"},
      {UnitOfMeasure::kVA, "kVA"},
      {UnitOfMeasure::var, "var"},
      {UnitOfMeasure::kvar, "kvar"},
      {UnitOfMeasure::A, "A"},
      {UnitOfMeasure::V, "V"},
      {UnitOfMeasure::K, "K"},
      {UnitOfMeasure::Celcius, "Celcius"},
      {UnitOfMeasure::Celsius, "Celsius"},
      {UnitOfMeasure::Fahrenheit, "Fahrenheit"},
      {UnitOfMeasure::Percent, "Percent"},
  });
};

// OCPP 1.6 §7 SampledValue. The optional fields stay optional rather than taking the spec's
// defaults, so that a received message re-serialises exactly as it arrived.
struct SampledValue {
  std::string value;  // a decimal number for Raw, an encoded blob for SignedData
  std::optional<ReadingContext> context;
  std::optional<ValueFormat> format;
  std::optional<Measurand> measurand;
  std::optional<Phase> phase;
  std::optional<Location> location;
  std::optional<UnitOfMeasure> unit;
  friend bool operator==(const SampledValue&, const SampledValue&) = default;
};
OCPP_FIELDS(SampledValue, value, context, format, measurand, phase, location, unit)

// OCPP 1.6 §7 MeterValue: all samples taken at one instant.
struct MeterValue {
  DateTime timestamp;
  std::vector<SampledValue> sampledValue;
  friend bool operator==(const MeterValue&, const MeterValue&) = default;
};
OCPP_FIELDS(MeterValue, timestamp, sampledValue)

}  // namespace ocpp::messages
