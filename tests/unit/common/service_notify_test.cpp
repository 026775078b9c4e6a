// The sd_notify protocol against a real datagram socket standing in for systemd; time by hand.
#include "common/service_notify.hpp"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <string>

#include "common/manual_timers.hpp"
#include "temp_dir.hpp"

namespace {

using namespace std::chrono_literals;

class FakeSystemd {
 public:
  explicit FakeSystemd(const std::string& path) : path_(path) {
    fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::strncpy(address.sun_path, path.c_str(), sizeof(address.sun_path) - 1);
    EXPECT_EQ(::bind(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof(address)), 0);
  }
  ~FakeSystemd() { ::close(fd_); }
  // The next datagram, or "" when none is waiting.
  std::string next() {
    char buffer[512];
    const auto n = ::recv(fd_, buffer, sizeof(buffer), 0);
    return n > 0 ? std::string(buffer, static_cast<std::size_t>(n)) : std::string();
  }

 private:
  std::string path_;
  int fd_ = -1;
};

class ServiceNotifyTest : public ::testing::Test {
 protected:
  void TearDown() override {
    ::unsetenv("NOTIFY_SOCKET");
    ::unsetenv("WATCHDOG_USEC");
    ::unsetenv("WATCHDOG_PID");
  }
  test_support::TempDir dir{"eo_notify"};
  common::ManualTimers timers;
};

TEST_F(ServiceNotifyTest, DoesNothingOutsideSystemd) {
  ::unsetenv("NOTIFY_SOCKET");
  common::ServiceNotifier notifier(timers);
  EXPECT_FALSE(notifier.enabled());
  notifier.ready("up");
  EXPECT_EQ(timers.armed_count(), 0U);
}

TEST_F(ServiceNotifyTest, ReadyStatusStoppingAndWatchdogPings) {
  const auto path = dir.file("notify");
  FakeSystemd systemd(path);
  ::setenv("NOTIFY_SOCKET", path.c_str(), 1);
  ::setenv("WATCHDOG_USEC", "4000000", 1);
  ::setenv("WATCHDOG_PID", std::to_string(::getpid()).c_str(), 1);
  common::ServiceNotifier notifier(timers);
  ASSERT_TRUE(notifier.enabled());
  EXPECT_EQ(notifier.watchdog_interval(), 4s);
  notifier.ready("connected");
  EXPECT_EQ(systemd.next(), "READY=1\nSTATUS=connected");
  EXPECT_EQ(systemd.next(), "WATCHDOG=1");
  timers.advance(1999ms);
  EXPECT_EQ(systemd.next(), "");
  timers.advance(1ms);
  EXPECT_EQ(systemd.next(), "WATCHDOG=1");
  notifier.status("charging");
  EXPECT_EQ(systemd.next(), "STATUS=charging");
  notifier.stopping();
  EXPECT_EQ(systemd.next(), "STOPPING=1");
  timers.advance(10s);
  EXPECT_EQ(systemd.next(), "");
}

TEST_F(ServiceNotifyTest, WatchdogMeantForAnotherProcessIsIgnored) {
  const auto path = dir.file("notify");
  FakeSystemd systemd(path);
  ::setenv("NOTIFY_SOCKET", path.c_str(), 1);
  ::setenv("WATCHDOG_USEC", "4000000", 1);
  ::setenv("WATCHDOG_PID", "1", 1);
  common::ServiceNotifier notifier(timers);
  EXPECT_EQ(notifier.watchdog_interval().count(), 0);
  notifier.ready();
  EXPECT_EQ(systemd.next(), "READY=1");
  EXPECT_EQ(systemd.next(), "");
}

TEST_F(ServiceNotifyTest, ANonsenseSocketIsIgnored) {
  ::setenv("NOTIFY_SOCKET", "not-a-path", 1);
  common::ServiceNotifier notifier(timers);
  EXPECT_FALSE(notifier.enabled());
}

}  // namespace
