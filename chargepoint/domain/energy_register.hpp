#pragma once
// The energy register the charge point reports (Energy.Active.Import.Register, meterStart,
// meterStop).
//
// OCPP 1.6 §7.31 defines the register as the energy imported "in Wh", i.e. a counter, and central
// systems bill meterStop − meterStart: it must never go backwards, also across restarts. The HAL's
// energy_wh cannot give that: it starts again at 0 whenever the daemon or the driver restarts, and
// on the EO board it is the HAL integrating power, not a meter. So the register is
//
//     value = base + (hal reading − hal reading when the base was taken)
//
// where base is what was persisted before the restart (restore) plus everything counted since. A
// HAL reading lower than the previous one (HAL restarted) only moves the reference; a reading that
// is not finite, or jumps by more than a plausible amount, is not counted and is reported to the
// caller.
//
// Persisting is the caller's (a repository): persist_due() says when a write is worth it, and
// mark_persisted() records that it happened. Energy counted after the last write is lost at a power
// cut; the register then under-counts, which is the safe direction for a bill.
#include <chrono>
#include <cstdint>
#include <optional>

#include "common/clock.hpp"

namespace chargepoint {

class EnergyRegister {
 public:
  struct Policy {
    // Write when the register moved this much since the last write…
    double persist_step_wh = 100.0;
    // …but not more often than this. At 22 kW that bounds the loss at a power cut to about 370 Wh,
    // at one small SQLite update a minute while charging and none while idle.
    std::chrono::seconds persist_min_interval{60};
    // A single HAL step above this is a fault, not energy: 50 kWh is more than two hours at 22 kW,
    // while the HAL reports every few seconds.
    double max_step_wh = 50'000.0;
  };

  enum class Event {
    counted,          // the HAL's increase was added
    reference_taken,  // first reading since construction or restore(): nothing to count yet
    hal_restarted,    // the HAL's register went down: rebased, nothing lost from the register
    jump_ignored,     // an implausible step was not counted; the new reading is the reference
    invalid_reading,  // NaN, infinite or negative: ignored, the reference is kept
  };

  struct Update {
    Event event;
    double value_wh;  // the register after this reading
    double
        hal_step_wh;   // the HAL's change since the previous reading (what was or was not counted)
    bool persist_due;  // persist_due(now) after this reading
  };

  EnergyRegister() : EnergyRegister(Policy{}) {}
  explicit EnergyRegister(Policy policy) : policy_(policy) {}

  // The value persisted before a restart. The register never goes down: a lower value than the one
  // it already holds is ignored (returns false), as is a value that is not finite or negative. The
  // next HAL reading becomes the reference; energy between the HAL's start and that reading is not
  // counted (the HAL may report a lifetime register that is not ours to add).
  bool restore(double value_wh);

  // Feeds the HAL's energy_wh of a new meter sample taken at `now`.
  Update update(double hal_energy_wh, common::WallTime now);

  double value_wh() const { return value_wh_; }
  // The register as OCPP integers carry it (meterStart, meterStop): whole Wh, rounded down.
  std::int64_t value_whole_wh() const;

  // Whether writing value_wh() now is worth it: at least persist_step_wh since the last write and
  // persist_min_interval elapsed (a wall clock set backwards counts as elapsed). At a transaction
  // start or stop any change is worth a write, since meterStart/meterStop are read back from it.
  bool persist_due(common::WallTime now, bool at_transaction_boundary = false) const;
  // The caller wrote value_wh() at `now`.
  void mark_persisted(common::WallTime now);

 private:
  Policy policy_;
  double value_wh_ = 0.0;
  std::optional<double> last_hal_wh_;
  double persisted_wh_ = 0.0;
  std::optional<common::WallTime> persisted_at_;
};

}  // namespace chargepoint
