#pragma once
// The power board the settings ask for: the built-in simulator or the EO board driver (with the
// board detected from /proc/cpuinfo for hardware.driver = auto).
#include <memory>
#include <optional>

#include "common/clock.hpp"
#include "common/config.hpp"
#include "common/event_loop.hpp"
#include "domain/configuration_store.hpp"
#include "hal/charger.hpp"
#include "hal/sim/simulated_charger.hpp"

namespace chargepoint {

hal::sim::SimConfig sim_config(const common::ConfigValues& settings);

// The charger the settings ask for; the simulator is also returned as itself (for its control
// socket).
struct Hardware {
  std::unique_ptr<hal::Charger> charger;
  hal::sim::SimulatedCharger* simulator = nullptr;
};

// The CT calibration keys (EO_CtSiteScale, EO_CtSiteOffsetA, …) start from hardware.ct_*. Call it
// before the persisted configuration is loaded, so that a value the central system set wins.
void seed_ct_calibration(const common::ConfigValues& settings, ConfigurationStore& config);

// nullopt after logging why (unknown box, bad settings). An EO board takes its CT calibration from
// `config` and follows every later change of those keys at once (no restart).
std::optional<Hardware> make_hardware(const common::ConfigValues& settings, common::EventLoop& loop,
                                      const common::Clock& clock, ConfigurationStore& config);

}  // namespace chargepoint
