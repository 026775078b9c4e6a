#include "hal/eo/pty.hpp"

#include <fcntl.h>
#include <poll.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>

namespace hal::eo {

namespace {
std::error_code last_error() {
  return std::error_code(errno, std::system_category());
}
}  // namespace

PtyMaster::PtyMaster() {
  fd_ = ::posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (fd_ < 0 || ::grantpt(fd_) != 0 || ::unlockpt(fd_) != 0) {
    error_ = last_error();
    return;
  }
  const char* name = ::ptsname(fd_);
  if (name == nullptr) {
    error_ = last_error();
    return;
  }
  slave_path_ = name;
  slave_fd_ = ::open(name, O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (slave_fd_ < 0) {
    error_ = last_error();
    return;
  }
  // Raw from the start, so that nothing the model writes is echoed or translated before the
  // driver opens the slave and sets raw mode itself.
  termios tio{};
  if (::tcgetattr(slave_fd_, &tio) == 0) {
    ::cfmakeraw(&tio);
    ::tcsetattr(slave_fd_, TCSANOW, &tio);
  }
}

PtyMaster::~PtyMaster() {
  if (slave_fd_ >= 0) ::close(slave_fd_);
  if (fd_ >= 0) ::close(fd_);
}

unsigned PtyMaster::line_baud() const {
  termios tio{};
  if (slave_fd_ < 0 || ::tcgetattr(slave_fd_, &tio) != 0) return 0;
  switch (::cfgetispeed(&tio)) {
    case B1200:
      return 1200;
    case B2400:
      return 2400;
    case B4800:
      return 4800;
    case B9600:
      return 9600;
    case B19200:
      return 19200;
    case B38400:
      return 38400;
    case B57600:
      return 57600;
    case B115200:
      return 115200;
    case B230400:
      return 230400;
    default:
      return 0;
  }
}

std::string PtyMaster::read_some(std::chrono::milliseconds timeout) {
  pollfd pfd{fd_, POLLIN, 0};
  if (::poll(&pfd, 1, static_cast<int>(timeout.count())) <= 0 || (pfd.revents & POLLIN) == 0)
    return {};
  char buffer[512];
  const auto n = ::read(fd_, buffer, sizeof buffer);
  return n > 0 ? std::string(buffer, static_cast<std::size_t>(n)) : std::string();
}

std::error_code PtyMaster::write_all(std::string_view bytes) {
  while (!bytes.empty()) {
    const auto n = ::write(fd_, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return last_error();
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return {};
}

}  // namespace hal::eo
