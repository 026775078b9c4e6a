#pragma once
// systemd's service notification protocol (sd_notify(3)): READY=1 once the daemon serves,
// WATCHDOG=1 pings while its event loop runs, STOPPING=1 on the way out. Written here rather than
// linking libsystemd: the protocol is one datagram to the socket named in $NOTIFY_SOCKET, and the
// static ARM build stays free of another library. Outside systemd (no $NOTIFY_SOCKET) every call
// does nothing.
#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "common/event_loop.hpp"

namespace common {

class ServiceNotifier {
 public:
  // Reads $NOTIFY_SOCKET and $WATCHDOG_USEC (honouring $WATCHDOG_PID when set).
  explicit ServiceNotifier(TimerFactory& timers);
  ~ServiceNotifier();
  ServiceNotifier(const ServiceNotifier&) = delete;
  ServiceNotifier& operator=(const ServiceNotifier&) = delete;

  bool enabled() const { return !socket_path_.empty(); }
  // The interval systemd expects pings at (0: no watchdog configured).
  std::chrono::microseconds watchdog_interval() const { return watchdog_; }

  // READY=1, and from now on WATCHDOG=1 every half watchdog interval. The pings come from a timer
  // on the event loop: a loop that hangs stops pinging, and systemd restarts the daemon.
  void ready(std::string_view status = {});
  void status(std::string_view text);
  void stopping();

 private:
  bool send(const std::string& message);
  void ping();

  std::string socket_path_;
  std::chrono::microseconds watchdog_{0};
  std::unique_ptr<Timer> timer_;
  int fd_ = -1;
};

}  // namespace common
