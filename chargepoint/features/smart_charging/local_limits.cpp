#include "features/smart_charging/local_limits.hpp"

#include <algorithm>
#include <cmath>

#include "domain/limits/compose.hpp"

namespace chargepoint::smart_charging {

namespace {

// How long a condition has held, starting the watch when it first holds.
bool held_for(std::optional<common::WallTime>& since, common::WallTime now,
              std::chrono::seconds delay) {
  if (!since) since = now;
  return now - *since >= delay;
}

}  // namespace

bool SiteLimit::update(const SiteSettings& settings, std::optional<double> site_a, double vehicle_a,
                       common::WallTime now) {
  const auto before = cap_a_;
  if (settings.limit_a <= 0) {
    cap_a_.reset();
    paused_ = false;
    stale_ = false;
    rising_since_.reset();
    last_reading_at_.reset();
    return before != cap_a_;
  }
  if (!site_a) return check_stale(settings, now);
  if (!last_reading_at_) {
    // The first reading since the limit was set (or since start-up) decides at once: nothing was
    // offered under this limit yet, so there is no pause to resume from.
    cap_a_.reset();
    paused_ = false;
    stale_ = false;
  }
  last_reading_at_ = now;
  stale_ = false;
  // The site CT sees the car too; what the rest of the house draws is the difference (never
  // negative: RMS clamps cannot tell export from import).
  const double house_a = std::max(0.0, *site_a - vehicle_a);
  const double available_a = std::max(0.0, settings.limit_a - house_a);

  if (paused_) {
    if (available_a >= limits::k_min_offer_a + settings.resume_margin_a) {
      if (held_for(rising_since_, now, settings.increase_delay)) {
        paused_ = false;
        rising_since_.reset();
        cap_a_ = available_a;
      }
    } else {
      rising_since_.reset();
    }
  } else if (available_a < limits::k_min_offer_a) {
    // A cut goes out on this very sample (issue #5: within 1 s of the CT reading).
    paused_ = true;
    rising_since_.reset();
    cap_a_ = 0.0;
  } else if (cap_a_ && available_a > *cap_a_) {
    if (held_for(rising_since_, now, settings.increase_delay)) {
      rising_since_.reset();
      cap_a_ = available_a;
    }
  } else {
    rising_since_.reset();
    cap_a_ = available_a;
  }
  return before != cap_a_;
}

bool SiteLimit::check_stale(const SiteSettings& settings, common::WallTime now) {
  if (settings.limit_a <= 0) return false;
  if (last_reading_at_ && now - *last_reading_at_ < settings.reading_timeout) return false;
  const auto before = cap_a_;
  stale_ = true;
  paused_ = true;
  rising_since_.reset();
  cap_a_ = 0.0;
  return before != cap_a_;
}

bool SolarSurplus::update(const SolarSettings& settings, std::optional<double> solar_a,
                          common::WallTime now) {
  const auto before = limit_a_;
  if (!settings.enabled) {
    reset();
    return before != limit_a_;
  }
  const double surplus_a = solar_a.value_or(0.0) - settings.reserve_a + settings.grid_import_a;
  const bool enough = surplus_a >= limits::k_min_offer_a;
  if (!running_) {
    if (!enough) {
      above_since_.reset();
    } else if (held_for(above_since_, now, settings.start_delay)) {
      running_ = true;
      below_since_.reset();
    }
  } else if (enough || settings.never_stop) {
    below_since_.reset();
  } else if (held_for(below_since_, now, settings.stop_delay)) {
    running_ = false;
    above_since_.reset();
  }
  // Whole amps: the surplus moves with every cloud, the offer (and the log) need not.
  limit_a_ = running_
                 ? std::optional<double>(std::floor(std::max(surplus_a, limits::k_min_offer_a)))
                 : std::nullopt;
  return before != limit_a_;
}

void SolarSurplus::reset() {
  running_ = false;
  above_since_.reset();
  below_since_.reset();
  limit_a_.reset();
}

}  // namespace chargepoint::smart_charging
