// EoBoard over a real pty (the tty transport, as on the Hub) to the line eo-board-sim serves: the
// board model at 115200 baud and the CT device model at 9600, told apart by the speed the driver
// set on its end of the pty (PtyMaster::line_baud), exactly as in tools/eo_board_sim.cpp.
//
// Determinism as in tests/contract/eo_contract_test.cpp: the driver runs on ManualTimers; after
// each timer step the pty is pumped until every byte written has been answered and every answer
// has been read. Those are the only waits, and they are bounded.
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

#include "../../contract/recording_listener.hpp"
#include "common/clock.hpp"
#include "common/event_loop.hpp"
#include "common/manual_timers.hpp"
#include "hal/eo/board_model.hpp"
#include "hal/eo/ct_device_model.hpp"
#include "hal/eo/eo_board.hpp"
#include "hal/eo/pty.hpp"
#include "hal/eo/sim_line.hpp"
#include "hal/eo/tty_transport.hpp"

namespace hal::eo {
namespace {

using namespace std::chrono_literals;

// Counts what crosses the driver's end, so the pump knows when the line is quiet.
class Counting final : public Transport {
 public:
  explicit Counting(std::unique_ptr<Transport> inner) : inner_(std::move(inner)) {}
  std::error_code open(TransportCallbacks callbacks) override {
    auto on_bytes = std::move(callbacks.on_bytes);
    callbacks.on_bytes = [this, on_bytes = std::move(on_bytes)](std::string_view bytes) {
      received += bytes.size();
      if (on_bytes) on_bytes(bytes);
    };
    return inner_->open(std::move(callbacks));
  }
  void close() override { inner_->close(); }
  bool is_open() const override { return inner_->is_open(); }
  void write(std::string bytes) override {
    written += bytes.size();
    inner_->write(std::move(bytes));
  }
  std::string name() const override { return inner_->name(); }
  std::error_code set_baud_rate(unsigned baud) override { return inner_->set_baud_rate(baud); }

  std::size_t written = 0;
  std::size_t received = 0;

 private:
  std::unique_ptr<Transport> inner_;
};

class CtOverPtyTest : public ::testing::Test {
 protected:
  CtOverPtyTest() {
    if (pty.error()) throw std::runtime_error("no pty: " + pty.error().message());
    EoBoardSettings settings;
    settings.ct.channels = {true, true, true};
    settings.ct.on_board_bus = true;
    auto counting =
        std::make_unique<Counting>(std::make_unique<TtyTransport>(loop, pty.slave_path()));
    transport = counting.get();
    eo = std::make_unique<EoBoard>(timers, clock, std::move(counting), settings);
    eo->set_listener(&listener);
  }

  void advance(std::chrono::milliseconds duration) {
    pump();
    for (;;) {
      const auto next = timers.next_due_in();
      if (next < 0ms || next > duration) {
        timers.advance(duration);
        pump();
        return;
      }
      timers.advance(next);
      duration -= next;
      pump();
    }
  }
  std::size_t poll_loop() {
    loop.context().restart();
    return loop.context().poll();
  }
  void pump() {
    const auto deadline = std::chrono::steady_clock::now() + 2s;
    for (;;) {
      poll_loop();
      const auto bytes = pty.read_some(0ms);
      if (!bytes.empty()) {
        read += bytes.size();
        const auto reply = line.receive(bytes, pty.line_baud(), timers.now());
        if (!reply.empty()) {
          replied += reply.size();
          ASSERT_FALSE(pty.write_all(reply));
        }
        continue;
      }
      const bool quiet = read >= transport->written && transport->received >= replied;
      if (quiet && poll_loop() == 0) return;
      if (std::chrono::steady_clock::now() > deadline) {
        ADD_FAILURE() << "pty pump stuck: wrote " << transport->written << ", read " << read
                      << ", replied " << replied << ", received " << transport->received;
        return;
      }
      (void)pty.read_some(1ms);  // a bounded wait for the kernel's pty buffer
    }
  }
  CtReadings last_ct() {
    const auto sample = listener.last_sample();
    EXPECT_TRUE(sample.has_value());
    return sample ? sample->ct : CtReadings{};
  }

  common::ManualTimers timers;
  common::ManualClock clock{timers, common::WallTime{} + std::chrono::hours(24 * 365 * 55)};
  common::EventLoop loop;
  PtyMaster pty;
  BoardModel board;
  CtDeviceModel ct_device;
  SimulatedLine line{board, ct_device};
  Counting* transport = nullptr;
  std::unique_ptr<EoBoard> eo;
  hal::testing::RecordingListener listener;
  std::size_t read = 0;
  std::size_t replied = 0;
};

TEST_F(CtOverPtyTest, ReadsTheCtsSwitchingTheTtyTo9600AndBack) {
  ct_device.set_current_a(CtChannel::site, 23.5);
  ct_device.set_current_a(CtChannel::solar, 3.1);
  eo->start();
  advance(3010ms);
  ASSERT_TRUE(eo->link_up());
  EXPECT_DOUBLE_EQ(last_ct().site_a.value_or(-1), 23.5);
  EXPECT_DOUBLE_EQ(last_ct().vehicle_a.value_or(-1), 0);
  EXPECT_DOUBLE_EQ(last_ct().solar_a.value_or(-1), 3.1);
  EXPECT_GE(ct_device.garbled_answers(), 2u);  // one per cycle, each dropped
  EXPECT_EQ(eo->ct().counters(CtChannel::site).misses, 0u);
  EXPECT_EQ(line.bytes_at_other_speeds(), 0u);
  EXPECT_EQ(board.requests_refused(), 0u);
  advance(200ms);
  EXPECT_EQ(pty.line_baud(), 115200u);
}

TEST_F(CtOverPtyTest, SilenceMakesTheReadingsStaleThenTheyRecover) {
  eo->start();
  advance(2010ms);
  ASSERT_TRUE(last_ct().site_a.has_value());
  ct_device.set_silent(true);
  advance(3000ms);
  EXPECT_FALSE(last_ct().site_a.has_value());
  EXPECT_FALSE(last_ct().solar_a.has_value());
  EXPECT_TRUE(eo->link_up());
  EXPECT_EQ(eo->ct().counters(CtChannel::site).stale_episodes, 1u);
  ct_device.set_silent(false);
  ct_device.set_current_a(CtChannel::site, 9.75);
  advance(11000ms);
  EXPECT_DOUBLE_EQ(last_ct().site_a.value_or(-1), 9.75);
  EXPECT_EQ(eo->ct().counters(CtChannel::site).stale_episodes, 1u);
  EXPECT_EQ(board.requests_refused(), 0u);
}

}  // namespace
}  // namespace hal::eo
