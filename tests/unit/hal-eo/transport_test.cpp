// The tty transport over a real pty pair, the SPI bridge transport with a fake chip, and the memory
// transport. Real I/O is waited for with bounded event-loop slices, never sleeps.
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <cstdlib>
#include <mutex>
#include <queue>

#include <gtest/gtest.h>

#include "common/event_loop.hpp"
#include "common/manual_timers.hpp"
#include "fake_sc16is7xx.hpp"
#include "hal/eo/memory_transport.hpp"
#include "hal/eo/spi_bridge_transport.hpp"
#include "hal/eo/tty_transport.hpp"

namespace hal::eo {
namespace {

using namespace std::chrono_literals;

struct Pty {
  Pty() {
    master = ::posix_openpt(O_RDWR | O_NOCTTY);
    if (master >= 0 && ::grantpt(master) == 0 && ::unlockpt(master) == 0)
      slave_path = ::ptsname(master);
  }
  ~Pty() {
    if (master >= 0) ::close(master);
  }
  std::string read_some(std::chrono::milliseconds timeout) {
    pollfd fd{master, POLLIN, 0};
    if (::poll(&fd, 1, static_cast<int>(timeout.count())) <= 0) return {};
    char buffer[256];
    const auto n = ::read(master, buffer, sizeof buffer);
    return n > 0 ? std::string(buffer, static_cast<std::size_t>(n)) : std::string();
  }
  int master = -1;
  std::string slave_path;
};

template <typename Done>
void run_until(common::EventLoop& loop, Done done) {
  for (int slice = 0; slice < 400 && !done(); ++slice) loop.run_for(5ms);
}

TEST(TtyTransport, ExchangesBytesWithAPtyInRawMode) {
  Pty pty;
  ASSERT_FALSE(pty.slave_path.empty());
  common::EventLoop loop;
  TtyTransport tty(loop, pty.slave_path);
  std::string received;
  ASSERT_FALSE(tty.open({[&](std::string_view bytes) { received += bytes; }, {}}));
  EXPECT_TRUE(tty.is_open());
  tty.write("+15C\r");
  std::string at_master;
  for (int i = 0; i < 100 && at_master.size() < 5; ++i) {
    loop.run_for(1ms);
    at_master += pty.read_some(10ms);
  }
  EXPECT_EQ(at_master, "+15C\r");  // raw: CR not turned into LF
  const std::string reply = "!000082EA7B\r\n";
  ASSERT_EQ(::write(pty.master, reply.data(), reply.size()), static_cast<ssize_t>(reply.size()));
  run_until(loop, [&] { return received.size() >= reply.size(); });
  EXPECT_EQ(received, reply);
  tty.close();
  EXPECT_FALSE(tty.is_open());
}

TEST(TtyTransport, AMissingDeviceIsAnErrorFromOpen) {
  common::EventLoop loop;
  TtyTransport tty(loop, "/dev/does-not-exist-eo");
  EXPECT_TRUE(tty.open({}));
  EXPECT_FALSE(tty.is_open());
  tty.write("ignored");  // no crash on a closed port
}

TEST(TtyTransport, NoCallbackAfterClose) {
  Pty pty;
  common::EventLoop loop;
  TtyTransport tty(loop, pty.slave_path);
  int calls = 0;
  ASSERT_FALSE(tty.open({[&](std::string_view) { ++calls; }, [&](std::error_code) { ++calls; }}));
  ASSERT_EQ(::write(pty.master, "!X\r", 3), 3);
  tty.close();
  loop.run_for(50ms);
  EXPECT_EQ(calls, 0);
}

// A loop stand-in for the bridge's worker: posted functions are queued and run by the test.
struct PostQueue {
  void post(std::function<void()> fn) {
    const std::lock_guard lock(mutex);
    queue.push(std::move(fn));
  }
  void run_until(const std::function<bool()>& done) {
    for (int i = 0; i < 2000 && !done(); ++i) {
      std::queue<std::function<void()>> ready;
      {
        const std::lock_guard lock(mutex);
        std::swap(ready, queue);
      }
      while (!ready.empty()) {
        ready.front()();
        ready.pop();
      }
      if (!done()) {
        pollfd none{};
        ::poll(&none, 0, 1);
      }  // a bounded 1 ms wait for the worker
    }
  }
  std::mutex mutex;
  std::queue<std::function<void()>> queue;
};

TEST(SpiBridgeTransport, ResetsInitialisesAndExchangesAFrame) {
  PostQueue loop;
  testing::FakeSc16is7xx fake;
  auto* chip = &fake;  // the test owns the chip; the transport gets a forwarder
  chip->bytes_per_transfer = 8;
  struct Forward final : SpiDevice {
    explicit Forward(SpiDevice& to) : to_(to) {}
    std::error_code transfer(std::span<const std::uint8_t> tx,
                             std::span<std::uint8_t> rx) override {
      return to_.transfer(tx, rx);
    }
    SpiDevice& to_;
  };
  struct Reset final : GpioLine {
    explicit Reset(std::vector<bool>& levels) : levels_(levels) {}
    std::error_code set(bool high) override {
      levels_.push_back(high);
      return {};
    }
    std::vector<bool>& levels_;
  };
  std::vector<bool> levels;
  SpiBridgeSettings settings;
  settings.idle_gap = 20ms;
  SpiBridgeTransport transport(
      [&](std::function<void()> fn) { loop.post(std::move(fn)); }, settings,
      [&](const SpiBridgeSettings&) {
        return BridgeDevices{std::make_unique<Forward>(fake), std::make_unique<Reset>(levels), {}};
      });
  std::string received;
  ASSERT_FALSE(transport.open({[&](std::string_view bytes) { received += bytes; }, {}}));
  EXPECT_EQ(levels, (std::vector<bool>{false, true}));  // pulsed low, then released
  const std::string reply =
      "!15F2A021510036B0050000320C1121500000001000000C001020000082EA00000013F00000003C\r";
  chip->reply_to_transmit = reply;  // 80 bytes, more than the FIFO: the worker must drain
  chip->fifo = {'o', 'l', 'd'};     // stale bytes the transmit's FIFO clear must drop
  transport.write("+0000082EA215A3\r");
  loop.run_until([&] { return received.size() >= reply.size(); });
  EXPECT_EQ(received, reply);
  EXPECT_EQ(transport.overruns(), 0u);
  transport.close();  // joins the worker: the chip may be read now
  EXPECT_EQ(chip->transmitted, "+0000082EA215A3\r");
  EXPECT_FALSE(transport.is_open());
}

TEST(SpiBridgeTransport, AnAbsentBridgeFailsToOpen) {
  PostQueue loop;
  SpiBridgeTransport transport([&](std::function<void()> fn) { loop.post(std::move(fn)); }, {},
                               [](const SpiBridgeSettings&) {
                                 auto chip = std::make_unique<testing::FakeSc16is7xx>();
                                 chip->absent = true;
                                 return BridgeDevices{std::move(chip), nullptr, {}};
                               });
  EXPECT_EQ(transport.open({}), std::make_error_code(std::errc::no_such_device));
  EXPECT_FALSE(transport.is_open());
}

TEST(MemoryTransport, DeliversAnswersLaterNotInsideWrite) {
  common::ManualTimers timers;
  MemoryTransport transport(timers, 5ms);
  std::string received;
  ASSERT_FALSE(transport.open({[&](std::string_view bytes) { received += bytes; }, {}}));
  transport.set_responder([](std::string_view written) { return "!" + std::string(written); });
  transport.write("abc");
  EXPECT_EQ(received, "");
  timers.advance(5ms);
  EXPECT_EQ(received, "!abc");
  EXPECT_EQ(transport.written(), std::vector<std::string>{"abc"});
}

}  // namespace
}  // namespace hal::eo

namespace hal::eo {
namespace {
TEST(TtyTransport, WritesAgainAfterAReopen) {
  Pty pty;
  common::EventLoop loop;
  TtyTransport tty(loop, pty.slave_path);
  ASSERT_FALSE(tty.open({}));
  tty.write("one\r");
  std::string at_master;
  for (int i = 0; i < 100 && at_master.size() < 4; ++i) {
    loop.run_for(1ms);
    at_master += pty.read_some(10ms);
  }
  EXPECT_EQ(at_master, "one\r");
  tty.close();
  ASSERT_FALSE(tty.open({}));
  tty.write("two\r");
  at_master.clear();
  for (int i = 0; i < 100 && at_master.size() < 4; ++i) {
    loop.run_for(1ms);
    at_master += pty.read_some(10ms);
  }
  EXPECT_EQ(at_master, "two\r");
}
}  // namespace
}  // namespace hal::eo
