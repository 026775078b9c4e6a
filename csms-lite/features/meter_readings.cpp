#include "features/meter_readings.hpp"

#include <charconv>
#include <cmath>

namespace csms {

using namespace ocpp::messages;

namespace {

std::optional<double> number(const SampledValue& sample) {
  if (sample.format == ValueFormat::SignedData) return std::nullopt;
  double value = 0;
  const auto* end = sample.value.data() + sample.value.size();
  const auto [stop, error] = std::from_chars(sample.value.data(), end, value);
  if (error != std::errc{} || stop != end || !std::isfinite(value)) return std::nullopt;
  return value;
}

// OCPP 1.6 §7.31: a sample without a measurand is Energy.Active.Import.Register.
std::string measurand_of(const SampledValue& sample) {
  return std::string(to_string(sample.measurand.value_or(Measurand::EnergyActiveImportRegister)));
}

std::string key_of(const SampledValue& sample) {
  auto key = measurand_of(sample);
  if (sample.phase) key += "." + std::string(to_string(*sample.phase));
  return key;
}

// Readings in base units (W, Wh), so that kW/kWh samples compare with W/Wh ones.
double in_base_unit(double value, const std::string& unit) {
  return unit == "kW" || unit == "kWh" || unit == "kvar" || unit == "kvarh" || unit == "kVA"
             ? value * 1000
             : value;
}

std::string unit_of(const SampledValue& sample) {
  return sample.unit ? std::string(to_string(*sample.unit)) : std::string();
}

}  // namespace

std::vector<store::MeterSample> to_samples(const std::string& charge_point_id, int connector_id,
                                           std::optional<std::int64_t> transaction_id,
                                           const std::vector<MeterValue>& values) {
  std::vector<store::MeterSample> samples;
  for (const auto& value : values) {
    const auto at_ms = value.timestamp.time_point().time_since_epoch().count();
    for (const auto& sample : value.sampledValue) {
      const auto reading = number(sample);
      if (!reading) continue;
      auto measurand = measurand_of(sample);
      if (sample.location == Location::Inlet) measurand += "@Inlet";
      samples.push_back(store::MeterSample{
          charge_point_id, connector_id, transaction_id, std::move(measurand),
          sample.phase ? std::string(to_string(*sample.phase)) : std::string(), unit_of(sample), 0,
          at_ms, static_cast<std::int64_t>(std::llround(*reading * 1000)), 1});
    }
  }
  return samples;
}

void update_readings(ConnectorState& connector, const std::vector<MeterValue>& values) {
  for (const auto& value : values) {
    for (const auto& sample : value.sampledValue) {
      const auto reading = number(sample);
      if (!reading) continue;
      auto& readings =
          sample.location == Location::Inlet ? connector.ct_readings : connector.readings;
      const auto [slot, inserted] = readings.try_emplace(key_of(sample));
      // A late batch of older values (sent after an outage) must not replace a newer reading.
      if (inserted || value.timestamp >= slot->second.at) {
        slot->second = Reading{*reading, unit_of(sample), value.timestamp};
      }
    }
  }
}

nlohmann::json readings_summary(const ConnectorState& connector) {
  auto base = [&](const std::string& key) -> std::optional<double> {
    const auto it = connector.readings.find(key);
    if (it == connector.readings.end()) return std::nullopt;
    return in_base_unit(it->second.value, it->second.unit);
  };
  auto highest = [&](const std::string& measurand) -> std::optional<double> {
    std::optional<double> best = base(measurand);
    for (const auto* phase : {".L1", ".L2", ".L3"}) {
      if (const auto value = base(measurand + phase); value && (!best || *value > *best))
        best = value;
    }
    return best;
  };
  auto json_of = [](std::optional<double> value) {
    return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
  };
  auto voltage = base("Voltage");
  if (!voltage) voltage = base("Voltage.L1-N");
  if (!voltage) voltage = base("Voltage.L1");
  return {{"current_a", json_of(highest("Current.Import"))},
          {"power_w", json_of(base("Power.Active.Import"))},
          {"voltage_v", json_of(voltage)},
          {"energy_wh", json_of(base("Energy.Active.Import.Register"))}};
}

}  // namespace csms
