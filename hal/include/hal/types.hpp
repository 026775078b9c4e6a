#pragma once
// The values that cross the hardware seam. Units are in the names; nothing here knows about OCPP,
// the EO board's wire format or the simulator.
#include <optional>
#include <string>
#include <string_view>

namespace hal {

// What the vehicle side is doing, as the power board sees it (IEC 61851 pilot states plus the EO
// board's finer distinctions). Faults are not states: they are raised and cleared separately.
enum class VehicleState {
  unknown,         // board starting, self-testing, link down, or a state nobody has decoded
  no_vehicle,      // A: nothing plugged in
  plug_present,    // cable in the socket, no vehicle seen yet (still A)
  connected,       // B: vehicle connected, not drawing, current offered or not yet decided
  charging,        // C/D: relay closed, vehicle drawing
  ev_finished,     // B after a charge: the vehicle stopped drawing by itself (battery full)
  evse_suspended,  // B: the EVSE offers no current (paused)
};

// Something is plugged in (any state but no_vehicle; unknown says nothing either way).
constexpr bool vehicle_present(VehicleState state) {
  return state != VehicleState::no_vehicle && state != VehicleState::unknown;
}

enum class FaultCode {
  mains,  // supply out of range or missing (EO states 3/4)
  over_voltage,
  under_voltage,
  over_current,    // the vehicle draws clearly more than offered
  ground_failure,  // residual current / earth fault
  high_temperature,
  ev_communication,  // pilot error (IEC state E/F)
  power_meter,       // no or implausible meter readings
  internal,          // the board reports something it should not
};

struct Fault {
  FaultCode code;
  std::string detail;  // for logs and the OCPP `info` field (at most 50 characters used)
};

// Current-transformer clamps. A channel the box lacks, or one that did not answer, is nullopt
// (never a stale or made-up value). RMS only: import and export cannot be told apart.
struct CtReadings {
  std::optional<double> site_a;     // mains / grid connection of the house
  std::optional<double> vehicle_a;  // the charger's own supply
  std::optional<double> solar_a;    // solar inverter output
};

struct MeterSample {
  double voltage_v = 0;   // line to neutral
  double current_a = 0;   // per phase, drawn by the vehicle
  double power_w = 0;     // active power drawn by the vehicle, all phases
  double energy_wh = 0;   // register: never goes backwards while this HAL object lives
  double offered_a = 0;   // what the pilot signal offers right now (0 = paused)
  int phases_in_use = 1;  // phases the vehicle draws on
  std::optional<double> frequency_hz;
  std::optional<double> temperature_c;
  std::optional<double> soc_percent;  // only where the vehicle reports it (the simulator)
  CtReadings ct;
};

struct CtChannels {
  bool site = false;
  bool vehicle = false;
  bool solar = false;
};

// Fixed for the life of the HAL object: what this box can do and measure.
struct Capabilities {
  std::string description;  // e.g. "EO Mini Pro 2, board firmware 15" or "simulated EO box"
  double min_current_a =
      6.0;  // below this the pilot cannot offer current: 0 (pause) is used instead
  double max_current_a = 32.0;
  int phases = 1;
  bool has_connector_lock = false;
  bool measures_frequency = false;
  bool measures_temperature = false;
  bool reports_soc = false;
  CtChannels ct;
};

enum class UnlockResult { unlocked, failed, not_supported };

std::string_view to_string(VehicleState state);
std::string_view to_string(FaultCode code);

}  // namespace hal
