#pragma once
// What csms-lite takes from MeterValues (OCPP 1.6 §5.13, §7.31): rows for the store and the latest
// reading per measurand for the live state. Only Raw numeric samples count; SignedData blobs and
// values that are not numbers are skipped (the payload itself is kept as received).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ocpp/messages/meter_value.hpp"
#include "registry/charge_point_registry.hpp"
#include "store/meter_repository.hpp"

namespace csms {

std::vector<store::MeterSample> to_samples(const std::string& charge_point_id, int connector_id,
                                           std::optional<std::int64_t> transaction_id,
                                           const std::vector<ocpp::messages::MeterValue>& values);

// Keeps the newest sample per key: "<measurand>" or "<measurand>.<phase>"; Inlet samples (the
// site's current transformers) go to ct_readings.
void update_readings(ConnectorState& connector,
                     const std::vector<ocpp::messages::MeterValue>& values);

// The summary the API shows: current_a (highest phase), power_w, voltage_v, energy_wh, each null
// when not reported. Units are converted (kW → W, kWh → Wh).
nlohmann::json readings_summary(const ConnectorState& connector);

}  // namespace csms
