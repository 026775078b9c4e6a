#include "domain/meter_values.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>

#include "domain/meter_format.hpp"

namespace chargepoint {
namespace {

using ocpp::messages::Location;
using ocpp::messages::Measurand;
using ocpp::messages::MeterValue;
using ocpp::messages::Phase;
using ocpp::messages::ReadingContext;
using ocpp::messages::SampledValue;
using ocpp::messages::UnitOfMeasure;

constexpr std::array<Phase, 3> k_lines{Phase::L1, Phase::L2, Phase::L3};

struct ValueSpec {
  Measurand measurand;
  std::optional<UnitOfMeasure> unit;
  int decimals;
  bool may_be_negative = false;
  std::optional<Location> location = std::nullopt;
};

class Builder {
 public:
  Builder(MeterValue& out, ReadingContext context) : out_(out), context_(context) {}

  // Appends one SampledValue unless `value` cannot be reported honestly.
  void add(const ValueSpec& spec, double value, std::optional<Phase> phase = std::nullopt) {
    auto text = format_decimal(value, spec.decimals);
    if (!text) return;
    if (!spec.may_be_negative && text->front() == '-') return;
    // format stays absent (Raw): SignedData needs a signing meter, which this box lacks.
    out_.sampledValue.push_back(SampledValue{
        .value = std::move(*text),
        .context = context_,
        .format = std::nullopt,
        .measurand = spec.measurand,
        .phase = phase,
        .location = spec.location,
        .unit = spec.unit,
    });
  }

 private:
  MeterValue& out_;
  ReadingContext context_;
};

void add_measurand(Builder& builder, Measurand measurand, const MeterSnapshot& snapshot) {
  if (measurand == Measurand::EnergyActiveImportRegister) {
    // Rounded down so that the reported register never runs ahead of the energy actually delivered,
    // and matches the integer meterStop of the same instant.
    if (snapshot.register_wh) {
      builder.add({measurand, UnitOfMeasure::Wh, 0}, std::floor(*snapshot.register_wh));
    }
    return;
  }
  if (!snapshot.sample) return;
  const auto& sample = *snapshot.sample;
  const bool multi_phase = snapshot.supply_phases > 1;
  switch (measurand) {
    case Measurand::PowerActiveImport:
      builder.add({measurand, UnitOfMeasure::W, 0}, sample.power_w);
      return;
    case Measurand::CurrentImport: {
      const ValueSpec spec{measurand, UnitOfMeasure::A, 1};
      if (!multi_phase) {
        builder.add(spec, sample.current_a);
        return;
      }
      const auto lines = std::clamp(std::min(sample.phases_in_use, snapshot.supply_phases), 1, 3);
      for (int line = 0; line < lines; ++line) {
        builder.add(spec, sample.current_a, k_lines[static_cast<std::size_t>(line)]);
      }
      return;
    }
    case Measurand::CurrentOffered:
      builder.add({measurand, UnitOfMeasure::A, 1}, sample.offered_a);
      return;
    case Measurand::Voltage:
      builder.add({measurand, UnitOfMeasure::V, 1}, sample.voltage_v,
                  multi_phase ? std::optional(Phase::L1N) : std::nullopt);
      return;
    case Measurand::Frequency:
      if (sample.frequency_hz) builder.add({measurand, std::nullopt, 1}, *sample.frequency_hz);
      return;
    case Measurand::Temperature:
      if (sample.temperature_c) {
        builder.add({measurand, UnitOfMeasure::Celcius, 1, true, Location::Body},
                    *sample.temperature_c);
      }
      return;
    case Measurand::SoC:
      if (sample.soc_percent && *sample.soc_percent <= 100.0) {
        builder.add({measurand, UnitOfMeasure::Percent, 0, false, Location::EV},
                    *sample.soc_percent);
      }
      return;
    default:
      // Not measurable by this box; parse_measurand_list never lets one into a configuration.
      return;
  }
}

}  // namespace

std::optional<MeterValue> build_meter_value(const MeterSnapshot& snapshot,
                                            std::span<const Measurand> measurands,
                                            ReadingContext context) {
  MeterValue value{
      .timestamp = ocpp::DateTime(std::chrono::floor<std::chrono::milliseconds>(snapshot.time)),
      .sampledValue = {},
  };
  Builder builder(value, context);
  for (const auto measurand : measurands) add_measurand(builder, measurand, snapshot);
  if (value.sampledValue.empty()) return std::nullopt;
  return value;
}

}  // namespace chargepoint
