#pragma once
// The two local limits fed by the current-transformer clamps (issue #5), as small state machines
// over CT samples: the site limit (a cap) and the solar surplus (may raise the offer above the
// plan). Pure: every instant is a parameter, decisions happen when a sample arrives.
#include <chrono>
#include <optional>

#include "common/clock.hpp"

namespace chargepoint::smart_charging {

struct SiteSettings {
  double limit_a = 0;  // the house's connection, per phase; 0 = no site limit
  // Resuming after a pause needs this much more than the 6 A minimum, so that a house load
  // hovering around the threshold does not make the contactor chatter.
  double resume_margin_a = 2;
  // An increase (or a resume) must hold this long before it is applied; cuts are applied at once.
  std::chrono::seconds increase_delay{10};
  // A site reading older than this is no reading: the site is then treated as at its limit.
  std::chrono::seconds reading_timeout{5};
};

// available = site limit − (site current − vehicle current): what the house leaves for the car.
// Below 6 A the car is paused (cap 0 A).
//
// Fail safe: with a site limit set, no fresh site reading means the site is at its limit (cap 0 A,
// the car paused), never "the last value forever": before the first reading, and once the last
// one is older than `reading_timeout` (the CT went silent, or the board link is down and no
// samples arrive at all; the governor's watchdog timer calls check_stale then). The first reading
// applies at once; after a silence the car resumes like after any site pause (margin and delay).
class SiteLimit {
 public:
  // One CT sample. `vehicle_a` is the charger's own current (its CT, else its meter); a missing
  // `site_a` counts as no reading. Returns true when the cap changed.
  bool update(const SiteSettings& settings, std::optional<double> site_a, double vehicle_a,
              common::WallTime now);
  // No sample came: goes stale once the last reading is older than the timeout. Returns true
  // when the cap changed.
  bool check_stale(const SiteSettings& settings, common::WallTime now);
  // nullopt: no cap (no site limit set).
  std::optional<double> cap_a() const { return cap_a_; }
  bool paused() const { return paused_; }
  // Paused for want of a reading (none yet, or none within the timeout).
  bool stale() const { return stale_; }
  std::optional<common::WallTime> last_reading_at() const { return last_reading_at_; }

 private:
  std::optional<double> cap_a_;
  bool paused_ = false;
  bool stale_ = false;
  std::optional<common::WallTime> rising_since_;
  std::optional<common::WallTime> last_reading_at_;
};

struct SolarSettings {
  bool enabled = false;
  double reserve_a = 0;      // kept back from the solar reading (the house's base load)
  double grid_import_a = 0;  // allowed import on top of the surplus
  std::chrono::seconds start_delay{60};
  std::chrono::seconds stop_delay{300};
  bool never_stop = false;  // once started, keep charging (at least 6 A) until the car leaves
};

// available solar = solar CT − reservation (+ allowed grid import). Charging from the sun starts
// when it has been ≥ 6 A for start_delay and stops when it has been below 6 A for stop_delay;
// in between the layer offers at least 6 A so the car does not pause on a passing cloud.
class SolarSurplus {
 public:
  // One sample; a missing solar reading counts as no surplus. Returns true when the limit changed.
  bool update(const SolarSettings& settings, std::optional<double> solar_a, common::WallTime now);
  // nullopt: not charging from the sun.
  std::optional<double> limit_a() const { return limit_a_; }
  void reset();

 private:
  bool running_ = false;
  std::optional<common::WallTime> above_since_;
  std::optional<common::WallTime> below_since_;
  std::optional<double> limit_a_;
};

}  // namespace chargepoint::smart_charging
