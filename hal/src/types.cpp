#include "hal/types.hpp"

namespace hal {

std::string_view to_string(VehicleState state) {
  switch (state) {
    case VehicleState::unknown:
      return "unknown";
    case VehicleState::no_vehicle:
      return "no-vehicle";
    case VehicleState::plug_present:
      return "plug-present";
    case VehicleState::connected:
      return "connected";
    case VehicleState::charging:
      return "charging";
    case VehicleState::ev_finished:
      return "ev-finished";
    case VehicleState::evse_suspended:
      return "evse-suspended";
  }
  return "invalid";
}

std::string_view to_string(FaultCode code) {
  switch (code) {
    case FaultCode::mains:
      return "mains";
    case FaultCode::over_voltage:
      return "over-voltage";
    case FaultCode::under_voltage:
      return "under-voltage";
    case FaultCode::over_current:
      return "over-current";
    case FaultCode::ground_failure:
      return "ground-failure";
    case FaultCode::high_temperature:
      return "high-temperature";
    case FaultCode::ev_communication:
      return "ev-communication";
    case FaultCode::power_meter:
      return "power-meter";
    case FaultCode::internal:
      return "internal";
  }
  return "invalid";
}

}  // namespace hal
