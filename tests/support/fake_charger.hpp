#pragma once
// A hal::Charger that records commands and emits nothing on its own: for feature tests that need a
// charger but not the simulator's physics.
#include <vector>

#include "hal/charger.hpp"

namespace test_support {

class FakeCharger final : public hal::Charger {
 public:
  const hal::Capabilities& capabilities() const override { return capabilities_; }
  void set_listener(hal::ChargerEvents* listener) override { listener_ = listener; }
  void start() override { started = true; }
  void stop() override { started = false; }
  void offer_current(double current_a) override {
    offers.push_back(current_a);
    requested_ = current_a;
  }
  void set_enabled(bool enabled) override { enabled_ = enabled; }
  hal::UnlockResult unlock_connector() override {
    ++unlocks;
    return unlock_result;
  }
  bool link_up() const override { return true; }
  hal::VehicleState vehicle_state() const override { return hal::VehicleState::no_vehicle; }
  std::optional<hal::MeterSample> last_sample() const override { return sample; }
  std::vector<hal::Fault> active_faults() const override { return {}; }
  double requested_current_a() const override { return requested_; }

  hal::Capabilities& caps() { return capabilities_; }
  hal::ChargerEvents* listener() const { return listener_; }
  bool enabled() const { return enabled_; }

  std::vector<double> offers;
  int unlocks = 0;
  bool started = false;
  hal::UnlockResult unlock_result = hal::UnlockResult::unlocked;
  std::optional<hal::MeterSample> sample;

 private:
  hal::Capabilities capabilities_;
  hal::ChargerEvents* listener_ = nullptr;
  double requested_ = 0;
  bool enabled_ = true;
};

}  // namespace test_support
