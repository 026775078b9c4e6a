#pragma once
// The Hub's link: a tty (the USB RS-485 adapter, /dev/ttyUSB0) at 115200 8N1, raw, no flow control
// (notes §1), read and written with Asio on the event loop. Works on a pty too (eo-board-sim).
#include <memory>
#include <string>

#include "common/event_loop.hpp"
#include "hal/eo/transport.hpp"

namespace hal::eo {

class TtyTransport final : public Transport {
 public:
  TtyTransport(common::EventLoop& loop, std::string device_path, unsigned baud_rate = 115200);
  ~TtyTransport() override;
  TtyTransport(const TtyTransport&) = delete;
  TtyTransport& operator=(const TtyTransport&) = delete;

  std::error_code open(TransportCallbacks callbacks) override;
  void close() override;
  bool is_open() const override;
  void write(std::string bytes) override;
  std::string name() const override { return path_; }
  std::error_code set_baud_rate(unsigned baud) override;

 private:
  struct State;
  common::EventLoop& loop_;
  std::string path_;
  unsigned baud_rate_;
  std::shared_ptr<State> state_;
};

}  // namespace hal::eo
