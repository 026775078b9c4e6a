#include "common/service_notify.hpp"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <cstring>

#include <spdlog/spdlog.h>

namespace common {

namespace {

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? std::string() : std::string(value);
}

template <class T>
bool parse_number(const std::string& text, T& out) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size();
}

}  // namespace

ServiceNotifier::ServiceNotifier(TimerFactory& timers) : timer_(timers.make_timer()) {
  socket_path_ = env("NOTIFY_SOCKET");
  if (socket_path_.empty()) return;
  if (socket_path_.size() >= sizeof(sockaddr_un::sun_path) ||
      (socket_path_[0] != '/' && socket_path_[0] != '@')) {
    spdlog::warn("systemd: ignoring NOTIFY_SOCKET '{}': not a socket path", socket_path_);
    socket_path_.clear();
    return;
  }
  fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) {
    spdlog::warn("systemd: cannot create the notification socket: {}", std::strerror(errno));
    socket_path_.clear();
    return;
  }
  std::uint64_t usec = 0;
  if (const auto text = env("WATCHDOG_USEC");
      !text.empty() && parse_number(text, usec) && usec > 0) {
    // WATCHDOG_PID names the process meant; a child that inherited the environment is not it.
    long pid = 0;
    const auto pid_text = env("WATCHDOG_PID");
    if (pid_text.empty() || (parse_number(pid_text, pid) && pid == static_cast<long>(::getpid()))) {
      watchdog_ = std::chrono::microseconds(usec);
    }
  }
}

ServiceNotifier::~ServiceNotifier() {
  if (fd_ >= 0) ::close(fd_);
}

bool ServiceNotifier::send(const std::string& message) {
  if (fd_ < 0) return false;
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::memcpy(address.sun_path, socket_path_.data(), socket_path_.size());
  if (address.sun_path[0] == '@') address.sun_path[0] = '\0';  // abstract namespace
  const auto length = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + socket_path_.size());
  const auto sent = ::sendto(fd_, message.data(), message.size(), MSG_NOSIGNAL,
                             reinterpret_cast<const sockaddr*>(&address), length);
  if (sent < 0) {
    spdlog::warn("systemd: notification '{}' not delivered: {}", message, std::strerror(errno));
    return false;
  }
  return true;
}

void ServiceNotifier::ready(std::string_view status_text) {
  if (!enabled()) return;
  std::string message = "READY=1";
  if (!status_text.empty()) message += "\nSTATUS=" + std::string(status_text);
  send(message);
  if (watchdog_.count() > 0) {
    spdlog::info("systemd: watchdog every {} ms",
                 std::chrono::duration_cast<std::chrono::milliseconds>(watchdog_).count());
    ping();
  }
}

void ServiceNotifier::ping() {
  send("WATCHDOG=1");
  timer_->start(std::chrono::duration_cast<std::chrono::milliseconds>(watchdog_ / 2),
                [this] { ping(); });
}

void ServiceNotifier::status(std::string_view text) {
  if (enabled()) send("STATUS=" + std::string(text));
}

void ServiceNotifier::stopping() {
  timer_->cancel();
  if (enabled()) send("STOPPING=1");
}

}  // namespace common
