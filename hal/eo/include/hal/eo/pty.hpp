#pragma once
// The master side of a pseudo-terminal: eo-board-sim and the contract tests play the board here
// while the driver opens the slave path like a serial port.
#include <chrono>
#include <string>
#include <system_error>

namespace hal::eo {

class PtyMaster {
 public:
  PtyMaster();  // opens; check error()
  ~PtyMaster();
  PtyMaster(const PtyMaster&) = delete;
  PtyMaster& operator=(const PtyMaster&) = delete;

  std::error_code error() const { return error_; }
  const std::string& slave_path() const { return slave_path_; }
  int fd() const { return fd_; }
  // Waits at most `timeout` for bytes; returns what was read (empty on timeout).
  std::string read_some(std::chrono::milliseconds timeout);
  // Writes everything (the pty buffer takes far more than a reply).
  std::error_code write_all(std::string_view bytes);
  // The line speed the driver last set on its end (the slave's termios), in baud; 0 if unknown.
  // A pty moves bytes at any speed: this is how the simulated line knows who may hear them.
  unsigned line_baud() const;

 private:
  int fd_ = -1;
  // Held open so the pty survives while the driver closes and reopens the slave.
  int slave_fd_ = -1;
  std::string slave_path_;
  std::error_code error_;
};

}  // namespace hal::eo
