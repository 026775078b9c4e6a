#include "domain/energy_register.hpp"

#include <cmath>

namespace chargepoint {

bool EnergyRegister::restore(double value_wh) {
  if (!std::isfinite(value_wh) || value_wh < value_wh_) return false;
  value_wh_ = value_wh;
  persisted_wh_ = value_wh;
  last_hal_wh_.reset();
  return true;
}

EnergyRegister::Update EnergyRegister::update(double hal_energy_wh, common::WallTime now) {
  const auto result = [&](Event event, double step_wh) {
    return Update{event, value_wh_, step_wh, persist_due(now)};
  };
  if (!std::isfinite(hal_energy_wh) || hal_energy_wh < 0.0)
    return result(Event::invalid_reading, 0.0);
  if (!last_hal_wh_) {
    last_hal_wh_ = hal_energy_wh;
    return result(Event::reference_taken, 0.0);
  }
  const double step_wh = hal_energy_wh - *last_hal_wh_;
  last_hal_wh_ = hal_energy_wh;
  // A HAL restart starts its register again (at 0 for the EO board's integrator). What it counted
  // since then is not known to be ours, so only the reference moves; the register stays.
  if (step_wh < 0.0) return result(Event::hal_restarted, step_wh);
  if (step_wh > policy_.max_step_wh) return result(Event::jump_ignored, step_wh);
  value_wh_ += step_wh;
  return result(Event::counted, step_wh);
}

std::int64_t EnergyRegister::value_whole_wh() const {
  return static_cast<std::int64_t>(std::floor(value_wh_));
}

bool EnergyRegister::persist_due(common::WallTime now, bool at_transaction_boundary) const {
  const double change_wh = value_wh_ - persisted_wh_;
  if (at_transaction_boundary) return change_wh > 0.0;
  if (change_wh < policy_.persist_step_wh) return false;
  if (!persisted_at_) return true;
  const auto elapsed = now - *persisted_at_;
  return elapsed < common::WallTime::duration::zero() || elapsed >= policy_.persist_min_interval;
}

void EnergyRegister::mark_persisted(common::WallTime now) {
  persisted_wh_ = value_wh_;
  persisted_at_ = now;
}

}  // namespace chargepoint
