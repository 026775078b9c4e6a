// EoBoard with CT clamps, on manual timers: the Hub's CT device on the shared line (a
// MemoryTransport answered by SimulatedLine: the board at 115200 baud, the CT device at 9600) and
// a CtMeter (the Mini Pro 2's ADE7858 path). Staleness, recovery, calibration, and commands that
// arrive in the middle of a CT cycle.
#include <gtest/gtest.h>

#include "../../contract/recording_listener.hpp"
#include "common/clock.hpp"
#include "common/manual_timers.hpp"
#include "hal/eo/board_model.hpp"
#include "hal/eo/ct_device_model.hpp"
#include "hal/eo/eo_board.hpp"
#include "hal/eo/memory_transport.hpp"
#include "hal/eo/sim_line.hpp"

namespace hal::eo {
namespace {

using namespace std::chrono_literals;
using Kind = hal::testing::RecordedEvent::Kind;

EoBoardSettings hub_with_cts() {
  EoBoardSettings settings;
  settings.ct.channels = {true, true, true};
  settings.ct.on_board_bus = true;
  return settings;
}

class CtBoardTest : public ::testing::Test {
 protected:
  explicit CtBoardTest(EoBoardSettings settings = hub_with_cts(),
                       std::unique_ptr<CtMeter> meter = {}) {
    auto transport = std::make_unique<MemoryTransport>(timers, 5ms);
    memory = transport.get();
    memory->set_responder([this](std::string_view written) {
      const unsigned baud = memory->baud_rate();
      if (!written.empty() && written[0] == '+' && baud != 115200) ++board_frames_at_wrong_speed;
      if (!written.empty() && written[0] == '\x55' && baud != 9600) ++ct_frames_at_wrong_speed;
      return line.receive(written, baud, timers.now());
    });
    ct_meter = meter.get();
    eo = std::make_unique<EoBoard>(timers, clock, std::move(transport), settings, std::move(meter));
    eo->set_listener(&listener);
  }
  void advance(std::chrono::milliseconds duration) { timers.advance(duration); }
  CtReadings last_ct() {
    const auto sample = listener.last_sample();
    EXPECT_TRUE(sample.has_value());
    return sample ? sample->ct : CtReadings{};
  }
  std::size_t ct_requests_written() {
    std::size_t count = 0;
    for (const auto& bytes : memory->written()) count += !bytes.empty() && bytes[0] == '\x55';
    return count;
  }

  common::ManualTimers timers;
  common::ManualClock clock{timers, common::WallTime{} + std::chrono::hours(24 * 365 * 55)};
  BoardModel board;
  CtDeviceModel ct_device;
  SimulatedLine line{board, ct_device};
  MemoryTransport* memory = nullptr;
  CtMeter* ct_meter = nullptr;
  std::unique_ptr<EoBoard> eo;
  hal::testing::RecordingListener listener;
  int board_frames_at_wrong_speed = 0;
  int ct_frames_at_wrong_speed = 0;
};

TEST_F(CtBoardTest, ReadingsFromTheCtDeviceArriveInTheSamples) {
  EXPECT_TRUE(eo->capabilities().ct.site && eo->capabilities().ct.vehicle &&
              eo->capabilities().ct.solar);
  ct_device.set_current_a(CtChannel::site, 23.5);
  ct_device.set_current_a(CtChannel::vehicle, 16.1);
  ct_device.set_current_a(CtChannel::solar, 4.25);
  eo->start();
  advance(2010ms);
  const auto ct = last_ct();
  EXPECT_DOUBLE_EQ(ct.site_a.value_or(-1), 23.5);
  EXPECT_DOUBLE_EQ(ct.vehicle_a.value_or(-1), 16.1);
  EXPECT_DOUBLE_EQ(ct.solar_a.value_or(-1), 4.25);
  ct_device.set_current_a(CtChannel::site, 7);
  advance(2000ms);
  EXPECT_DOUBLE_EQ(last_ct().site_a.value_or(-1), 7);
  // Every board frame went at 115200 baud, every CT frame at 9600, and between cycles the line
  // is back at 115200.
  advance(200ms);
  EXPECT_FALSE(eo->ct_bus()->active());
  EXPECT_EQ(board_frames_at_wrong_speed, 0);
  EXPECT_EQ(ct_frames_at_wrong_speed, 0);
  EXPECT_EQ(memory->baud_rate(), 115200u);
  EXPECT_EQ(memory->baud_switches() % 2, 0u);
  EXPECT_GE(eo->ct_bus()->counters().cycles, 3u);
  EXPECT_EQ(line.bytes_at_other_speeds(), 0u);
}

TEST_F(CtBoardTest, TheGarbledFirstAnswerAfterEachSwitchIsDropped) {
  ct_device.set_current_a(CtChannel::site, 11.5);
  eo->start();
  advance(5010ms);
  const auto cycles = eo->ct_bus()->counters().cycles;
  ASSERT_GE(cycles, 4u);
  EXPECT_EQ(ct_device.garbled_answers(), cycles);
  EXPECT_EQ(eo->ct_bus()->counters().dropped_answers, cycles);
  EXPECT_EQ(eo->ct().counters(CtChannel::site).misses, 0u);
  for (const auto& sample : listener.samples())
    if (sample.ct.site_a) {
      EXPECT_DOUBLE_EQ(*sample.ct.site_a, 11.5);
    }
}

TEST_F(CtBoardTest, ASilentCtGoesStaleOnceRestsTheBusAndIsUsedAgainWhenItAnswers) {
  eo->start();
  advance(2010ms);
  ASSERT_TRUE(last_ct().site_a.has_value());
  ct_device.set_silent(true);
  advance(3000ms);
  EXPECT_FALSE(last_ct().site_a || last_ct().vehicle_a || last_ct().solar_a);
  EXPECT_EQ(eo->ct().counters(CtChannel::site).stale_episodes, 1u);
  // While every channel is stale the device is asked only every retry_interval (10 s), and the
  // episode is not logged or counted again.
  const auto requests = ct_requests_written();
  advance(20000ms);
  EXPECT_LE(ct_requests_written() - requests, 2u * 4u);
  EXPECT_EQ(eo->ct().counters(CtChannel::solar).stale_episodes, 1u);
  EXPECT_TRUE(eo->link_up());  // a silent CT is not a lost board
  EXPECT_EQ(listener.count(Kind::link_lost), 0u);

  ct_device.set_silent(false);
  ct_device.set_current_a(CtChannel::solar, 2.5);
  advance(11000ms);
  EXPECT_DOUBLE_EQ(last_ct().solar_a.value_or(-1), 2.5);
  EXPECT_TRUE(last_ct().site_a.has_value());
  EXPECT_EQ(eo->ct().counters(CtChannel::solar).stale_episodes, 1u);
}

TEST_F(CtBoardTest, OneSilentChannelLeavesTheOthers) {
  ct_device.set_channel_silent(CtChannel::vehicle, true);
  eo->start();
  advance(4010ms);
  EXPECT_TRUE(last_ct().site_a.has_value());
  EXPECT_FALSE(last_ct().vehicle_a.has_value());
  EXPECT_TRUE(last_ct().solar_a.has_value());
  EXPECT_EQ(eo->ct().counters(CtChannel::vehicle).stale_episodes, 1u);
  EXPECT_GE(eo->ct().counters(CtChannel::vehicle).misses, 2u);
}

TEST_F(CtBoardTest, APauseDuringACycleWaitsForOneCtExchangeAtMost) {
  eo->start();
  board.plug_in();
  eo->offer_current(16);
  advance(3000ms);
  ASSERT_EQ(eo->vehicle_state(), VehicleState::charging);
  ct_device.set_silent(true);  // the worst case: every CT exchange runs to its timeout
  // Step to the moment a cycle is under way.
  for (int i = 0; i < 2000 && !eo->ct_bus()->active(); ++i) advance(1ms);
  ASSERT_TRUE(eo->ct_bus()->active());
  advance(1ms);
  eo->offer_current(0);
  const auto asked_at = timers.now();
  while (eo->last_duty_sent() != 0 && timers.now() - asked_at < 1000ms) advance(1ms);
  EXPECT_EQ(eo->last_duty_sent(), 0);
  EXPECT_LE(timers.now() - asked_at, 100ms);  // ct.bus.reply_timeout
  EXPECT_EQ(eo->ct_bus()->counters().cycles_cut_short, 1u);
  EXPECT_EQ(board_frames_at_wrong_speed, 0);
}

TEST_F(CtBoardTest, CalibrationAppliesFromTheNextSampleAndBadValuesAreRefused) {
  ct_device.set_current_a(CtChannel::site, 20);
  eo->start();
  advance(2010ms);
  EXPECT_FALSE(eo->set_ct_calibration(CtChannel::site, {1.1, -0.5}));
  advance(1000ms);
  EXPECT_DOUBLE_EQ(last_ct().site_a.value_or(-1), 21.5);
  EXPECT_EQ(eo->set_ct_calibration(CtChannel::site, {2.5, 0}).value_or(""),
            "CT site: scale 2.5 is outside 0.5 to 2");
  EXPECT_EQ(eo->set_ct_calibration(CtChannel::solar, {1, 3}).value_or(""),
            "CT solar: offset 3 A is outside -2 to 2 A");
  advance(1000ms);
  EXPECT_DOUBLE_EQ(last_ct().site_a.value_or(-1), 21.5);  // the last good calibration stays
}

TEST_F(CtBoardTest, NoCtReadingsWhileTheBoardLinkIsDown) {
  eo->start();
  advance(2010ms);
  board.faults().silent = true;
  advance(4000ms);
  ASSERT_FALSE(eo->link_up());
  const auto switches = memory->baud_switches();
  advance(3000ms);
  EXPECT_EQ(memory->baud_switches(), switches);  // no CT cycle without a board reply
  board.faults().silent = false;
  advance(3000ms);
  ASSERT_TRUE(eo->link_up());
  EXPECT_TRUE(last_ct().site_a.has_value());
}

TEST(CtBoardSettings, OutOfRangeCalibrationIsRefusedAtConstruction) {
  common::ManualTimers timers;
  common::ManualClock clock{timers, common::WallTime{}};
  auto settings = hub_with_cts();
  settings.ct.calibration[index_of(CtChannel::vehicle)] = {1.0, -2.5};
  try {
    EoBoard board(timers, clock, std::make_unique<MemoryTransport>(timers), settings);
    FAIL() << "accepted an offset of -2.5 A";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "ct calibration of vehicle: offset -2.5 A is outside -2 to 2 A");
  }
}

TEST(CtBoardSettings, WithoutABusOrAMeterNoChannelIsClaimed) {
  common::ManualTimers timers;
  common::ManualClock clock{timers, common::WallTime{}};
  EoBoardSettings settings;
  settings.ct.channels = {true, true, true};
  EoBoard board(timers, clock, std::make_unique<MemoryTransport>(timers), settings);
  EXPECT_FALSE(board.capabilities().ct.site || board.capabilities().ct.solar);
  EXPECT_EQ(board.ct_bus(), nullptr);
}

// The Mini Pro 2 path: a CtMeter read synchronously at each sample.
class FakeMeter final : public CtMeter {
 public:
  void start() override { started = true; }
  void stop() override { started = false; }
  CtMeterReading read(CtChannel channel) override {
    if (!ready) return {std::nullopt, "starting", true};
    if (fail) return {std::nullopt, "SPI: Input/output error", false};
    return {amps[index_of(channel)], {}, false};
  }
  std::string name() const override { return "fake meter"; }
  std::array<double, 3> amps{1, 2, 3};
  bool ready = false;
  bool fail = false;
  bool started = false;
};

EoBoardSettings mini_pro_2_with_cts() {
  EoBoardSettings settings;
  settings.ct.channels = {true, false, true};
  return settings;
}

class CtMeterBoardTest : public CtBoardTest {
 protected:
  CtMeterBoardTest()
      : CtBoardTest(mini_pro_2_with_cts(), std::make_unique<FakeMeter>()),
        fake(static_cast<FakeMeter*>(ct_meter)) {}
  FakeMeter* fake;
};

TEST_F(CtMeterBoardTest, MeterReadingsAreInEverySampleAndFailuresGoStale) {
  EXPECT_EQ(eo->ct_bus(), nullptr);
  EXPECT_TRUE(eo->capabilities().ct.site);
  EXPECT_FALSE(eo->capabilities().ct.vehicle);
  eo->start();
  EXPECT_TRUE(fake->started);
  advance(1010ms);
  EXPECT_FALSE(last_ct().site_a.has_value());  // still starting: absent, not a miss
  EXPECT_EQ(eo->ct().counters(CtChannel::site).misses, 0u);
  fake->ready = true;
  advance(1000ms);
  EXPECT_DOUBLE_EQ(last_ct().site_a.value_or(-1), 1);
  EXPECT_FALSE(last_ct().vehicle_a.has_value());  // not installed
  EXPECT_DOUBLE_EQ(last_ct().solar_a.value_or(-1), 3);
  EXPECT_EQ(memory->baud_switches(), 0u);  // nothing at 9600 on a Mini Pro 2
  fake->fail = true;
  advance(1000ms);
  EXPECT_TRUE(last_ct().site_a.has_value());  // one miss is tolerated (misses_before_stale 2)
  advance(1000ms);
  EXPECT_FALSE(last_ct().site_a.has_value());
  fake->fail = false;
  advance(1000ms);
  EXPECT_DOUBLE_EQ(last_ct().site_a.value_or(-1), 1);
  eo->stop();
  EXPECT_FALSE(fake->started);
}

}  // namespace
}  // namespace hal::eo
