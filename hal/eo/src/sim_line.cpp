#include "hal/eo/sim_line.hpp"

#include "hal/eo/ct_codec.hpp"

namespace hal::eo {

std::string SimulatedLine::receive(std::string_view bytes, unsigned baud,
                                   std::chrono::milliseconds now) {
  if (baud == ct_bus::baud_rate && last_baud_ != baud) ct_.line_switched();
  last_baud_ = baud;
  if (baud == ct_bus::board_baud_rate) return board_.receive(bytes, now);
  if (baud == ct_bus::baud_rate) return ct_.receive(bytes);
  other_speed_bytes_ += bytes.size();
  return {};
}

}  // namespace hal::eo
