#pragma once
// The hardware contract (docs/architecture.md, "The HAL"). One pure-virtual interface implemented
// by the EO board driver (hal/eo) and the simulator (hal/sim); the same contract test suite
// (tests/contract) runs against both.
//
// Rules every implementation keeps:
// - Everything runs on the one event loop thread: commands return at once (they never block on I/O)
//   and events are delivered from the loop, never from inside a command call.
// - Commands are idempotent: offering the same current twice changes nothing.
// - offer_current(a) with 0 < a < min_current_a offers 0 (pause); above max_current_a it offers the
//   maximum. While disabled, or while a fault is active, the box offers 0 whatever was asked.
// - A lost link is reported once with on_link_lost, the last readings are not repeated as fresh
//   while it is down, and on_link_restored is followed by a fresh state and sample.
#include <optional>
#include <string_view>
#include <vector>

#include "hal/types.hpp"

namespace hal {

class ChargerEvents {
 public:
  virtual ~ChargerEvents() = default;
  virtual void on_vehicle_state(VehicleState state) = 0;
  virtual void on_meter_sample(const MeterSample& sample) = 0;
  virtual void on_fault_raised(const Fault& fault) = 0;
  virtual void on_fault_cleared(FaultCode code) = 0;
  virtual void on_link_lost(std::string_view reason) = 0;
  virtual void on_link_restored() = 0;
};

class Charger {
 public:
  virtual ~Charger() = default;

  virtual const Capabilities& capabilities() const = 0;
  // At most one listener; nullptr detaches. Set before start().
  virtual void set_listener(ChargerEvents* listener) = 0;
  // Begins polling / simulating. The first state and sample follow as events.
  virtual void start() = 0;
  // Stops polling and leaves the box offering 0 A where the hardware allows it.
  virtual void stop() = 0;

  // The current the vehicle may draw, per phase; 0 pauses. Clamped as described above.
  virtual void offer_current(double current_a) = 0;
  // Disabled = never offer current (OCPP Unavailable); enabling restores the last offer.
  virtual void set_enabled(bool enabled) = 0;
  virtual UnlockResult unlock_connector() = 0;

  // Snapshots of the latest known values (nullopt / unknown while the link is down).
  virtual bool link_up() const = 0;
  virtual VehicleState vehicle_state() const = 0;
  virtual std::optional<MeterSample> last_sample() const = 0;
  virtual std::vector<Fault> active_faults() const = 0;
  // What the box was last asked to offer (after clamping), whatever the vehicle does with it.
  virtual double requested_current_a() const = 0;
};

}  // namespace hal
