#pragma once
// The byte link to the power board, behind one small interface so that the driver does not know
// whether it talks to a USB RS-485 adapter (Hub), the SC16IS7xx SPI-UART bridge (Mini Pro 2), a
// pty (eo-board-sim) or a test's memory buffer.
//
// Rules: open/close/write return at once; bytes and errors arrive as callbacks on the event loop
// thread, never from inside open/close/write. After close() no callback runs.
#include <functional>
#include <string>
#include <string_view>
#include <system_error>

namespace hal::eo {

struct TransportCallbacks {
  std::function<void(std::string_view bytes)> on_bytes;
  // The link failed (device gone, read error). The transport is closed when this runs.
  std::function<void(std::error_code error)> on_error;
};

class Transport {
 public:
  virtual ~Transport() = default;
  // Opens the device. An error here means nothing was opened (e.g. no such device, permission).
  virtual std::error_code open(TransportCallbacks callbacks) = 0;
  virtual void close() = 0;
  virtual bool is_open() const = 0;
  // Queues `bytes` for sending; writes go out in order.
  virtual void write(std::string bytes) = 0;
  // For logs: "/dev/ttyUSB0", "SC16IS7xx on /dev/spidev0.0", …
  virtual std::string name() const = 0;
  // Changes the line speed of an open link at once (the Hub's CT device answers at 9600 baud on
  // the board's 115200-baud bus: notes §5). Call it only with no write outstanding. A reopen goes
  // back to the transport's own speed. Links that cannot (the bridge) say operation_not_supported.
  virtual std::error_code set_baud_rate(unsigned /*baud*/) {
    return std::make_error_code(std::errc::operation_not_supported);
  }
};

}  // namespace hal::eo
