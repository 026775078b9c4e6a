#pragma once
// The Hub's RS-485 line as eo-board-sim and the tests play it: the power board answers at 115200
// baud, the CT device at 9600, and bytes sent at any other speed reach nobody. The speed is the
// one the driver set on its end of the line when the bytes were read (a pty's slave termios, a
// MemoryTransport's baud_rate()).
#include <chrono>
#include <string>
#include <string_view>

#include "hal/eo/board_model.hpp"
#include "hal/eo/ct_device_model.hpp"

namespace hal::eo {

class SimulatedLine {
 public:
  SimulatedLine(BoardModel& board, CtDeviceModel& ct) : board_(board), ct_(ct) {}

  std::string receive(std::string_view bytes, unsigned baud, std::chrono::milliseconds now);
  std::size_t bytes_at_other_speeds() const { return other_speed_bytes_; }

 private:
  BoardModel& board_;
  CtDeviceModel& ct_;
  unsigned last_baud_ = 0;
  std::size_t other_speed_bytes_ = 0;
};

}  // namespace hal::eo
