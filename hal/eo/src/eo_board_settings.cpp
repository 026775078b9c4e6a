// EoBoardSettings' checks, apart from the driver: start-up only, so exceptions are fine here.
#include <stdexcept>
#include <string>

#include "hal/eo/eo_board.hpp"

namespace hal::eo {

void validate(const EoBoardSettings& s) {
  const auto fail = [](const char* what) { throw std::invalid_argument(what); };
  if (!(s.min_current_a >= 6 && s.min_current_a <= s.max_current_a))
    fail("min_current_a must be from 6 A to max_current_a");
  if (!(s.max_current_a <= 32)) fail("max_current_a must be at most 32 A (the board's range)");
  if (s.phases != 1 && s.phases != 3) fail("phases must be 1 or 3");
  if (s.poll_interval < std::chrono::milliseconds(100)) fail("poll_interval must be >= 100 ms");
  if (s.reply_timeout < std::chrono::milliseconds(10) || s.reply_timeout >= s.poll_interval)
    fail("reply_timeout must be >= 10 ms and shorter than poll_interval");
  if (s.missed_replies_before_link_lost < 1) fail("missed_replies_before_link_lost must be >= 1");
  if (s.missed_replies_before_reopen < s.missed_replies_before_link_lost)
    fail("missed_replies_before_reopen must be >= missed_replies_before_link_lost");
  if (!(s.voltage_correction_k >= 0.5 && s.voltage_correction_k <= 1.5))
    fail("voltage_correction_k must be from 0.5 to 1.5");
  if (s.min_pause_before_resume < std::chrono::milliseconds(0))
    fail("min_pause_before_resume must not be negative");
  if (!(s.initial_energy_wh >= 0)) fail("initial_energy_wh must not be negative");
  if (s.ct.misses_before_stale < 1) fail("ct.misses_before_stale must be >= 1");
  if (s.ct.bus.reply_timeout < std::chrono::milliseconds(20) ||
      s.ct.bus.idle_gap < std::chrono::milliseconds(1) ||
      s.ct.bus.idle_gap >= s.ct.bus.reply_timeout)
    fail("ct.bus.reply_timeout must be >= 20 ms and longer than ct.bus.idle_gap (>= 1 ms)");
  if (s.ct.retry_interval < s.poll_interval) fail("ct.retry_interval must be >= poll_interval");
  for (const auto channel : all_ct_channels)
    if (const auto error = calibration_error(s.ct.calibration[index_of(channel)]))
      throw std::invalid_argument("ct calibration of " + std::string(to_string(channel)) + ": " +
                                  *error);
}

}  // namespace hal::eo
