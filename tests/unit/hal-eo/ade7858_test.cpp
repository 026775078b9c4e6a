// The ADE7858 (notes §5): frames, the configuration with its read-back, readings, and
// Ade7858Meter's timer-driven reset against a fake chip on manual timers.
#include "hal/eo/ade7858.hpp"

#include <gtest/gtest.h>

#include "common/manual_timers.hpp"
#include "fake_ade7858.hpp"
#include "hal/eo/ade7858_meter.hpp"

namespace hal::eo {
namespace {

using namespace std::chrono_literals;
using testing::FakeAde7858;
using testing::RecordingGpio;
using Frame = std::vector<std::uint8_t>;

TEST(Ade7858Codec, ReadAndWriteFrames) {
  EXPECT_EQ(ade7858::encode_read(ade7858::airms), (Frame{0x01, 0x43, 0xC0, 0, 0, 0, 0}));
  EXPECT_EQ(ade7858::encode_read(ade7858::run), (Frame{0x01, 0xE2, 0x28, 0, 0}));
  EXPECT_EQ(ade7858::encode_write(ade7858::cfmode, 0x0E88), (Frame{0x00, 0xE6, 0x10, 0x0E, 0x88}));
  EXPECT_EQ(ade7858::encode_write(ade7858::aigain, 0x0FE6060C),
            (Frame{0x00, 0x43, 0x80, 0x0F, 0xE6, 0x06, 0x0C}));
  EXPECT_EQ(ade7858::decode_read(ade7858::birms, Frame{0xFF, 0xFF, 0xFF, 0x00, 0x03, 0xA9, 0x80}),
            0x3A980u);
  EXPECT_FALSE(ade7858::decode_read(ade7858::birms, Frame{0, 0, 0, 1}).has_value());
  EXPECT_EQ(ade7858::rms_register(CtChannel::site).address, 0x43C0);
  EXPECT_EQ(ade7858::rms_register(CtChannel::vehicle).address, 0x43C2);
  EXPECT_EQ(ade7858::rms_register(CtChannel::solar).address, 0x43C4);
}

TEST(Ade7858Chip, ConfigureWritesTheSequenceFlushesReadsBackThenRuns) {
  FakeAde7858 fake;
  Ade7858 chip(fake);
  ASSERT_FALSE(chip.wake());
  const auto result = chip.configure();
  ASSERT_FALSE(result.error) << result.error.message();
  EXPECT_TRUE(result.mismatches.empty());
  using W = std::pair<std::uint16_t, std::uint32_t>;
  const std::vector<W> expected{{0xE228, 0},          {0xE610, 0x0E88},     {0xE618, 0},
                                {0x43B6, 0},          {0xE60F, 0},          {0x4380, 0x0FE6060C},
                                {0x4382, 0x0FE6060C}, {0x4384, 0x0FE6060C}, {0x4387, 0x0002E45C},
                                {0x4389, 0x0002E45C}, {0x438B, 0x0002E45C}, {0x438B, 0x0002E45C},
                                {0x438B, 0x0002E45C}, {0xE228, 1}};
  EXPECT_EQ(fake.writes, expected);
  // Every register was read back between the flush and RUN ← 1.
  std::size_t reads = 0;
  for (const auto& frame : fake.frames) reads += frame.size() > 1 && frame[0] == 0x01;
  EXPECT_EQ(reads, std::size(ade7858::configuration));
}

TEST(Ade7858Chip, MismatchesAreReportedAndAnAbsentChipIsNoDevice) {
  FakeAde7858 fake;
  fake.stuck[0xE610] = true;  // CFMODE keeps its reset value
  Ade7858 chip(fake);
  ASSERT_FALSE(chip.wake());
  const auto result = chip.configure();
  EXPECT_FALSE(result.error);
  ASSERT_EQ(result.mismatches.size(), 1u);
  EXPECT_EQ(result.mismatches[0].register_name, "CFMODE");
  EXPECT_EQ(result.mismatches[0].written, 0x0E88u);
  EXPECT_EQ(result.mismatches[0].read, 0u);

  FakeAde7858 nothing;
  nothing.absent = true;
  Ade7858 missing(nothing);
  EXPECT_EQ(missing.configure().error, std::errc::no_such_device);
}

TEST(Ade7858Chip, ReadingsAreRmsOverTenThousand) {
  FakeAde7858 fake;
  Ade7858 chip(fake);
  ASSERT_FALSE(chip.wake());
  fake.set_rms_a(CtChannel::site, 23.5);
  fake.set_rms_a(CtChannel::solar, 4.25);
  EXPECT_DOUBLE_EQ(chip.read_current(CtChannel::site).current_a.value_or(-1), 23.5);
  EXPECT_DOUBLE_EQ(chip.read_current(CtChannel::vehicle).current_a.value_or(-1), 0);
  EXPECT_DOUBLE_EQ(chip.read_current(CtChannel::solar).current_a.value_or(-1), 4.25);
  fake.registers[0x43C0] = 0xFFFFFFFF;
  const auto garbage = chip.read_current(CtChannel::site);
  EXPECT_FALSE(garbage.current_a);
  EXPECT_EQ(garbage.error, "AIRMS reads an implausible 4294967295");
  fake.fail_transfers = true;
  EXPECT_EQ(chip.read_current(CtChannel::site).error.rfind("SPI: ", 0), 0u);
}

class Ade7858MeterTest : public ::testing::Test {
 protected:
  Ade7858MeterTest()
      : meter(timers, Ade7858Settings{}, [this](const Ade7858Settings& settings) {
          ++opens;
          EXPECT_EQ(settings.spi_path, "/dev/spidev0.1");
          AdeDevices devices;
          if (fail_open) {
            devices.error = std::make_error_code(std::errc::permission_denied);
            return devices;
          }
          devices.spi = std::make_unique<Forward>(chip);
          devices.reset = std::make_unique<RecordingGpio>(gpio, "reset");
          devices.pm1 = std::make_unique<RecordingGpio>(gpio, "pm1");
          return devices;
        }) {}

  // The meter owns its device; the fake chip outlives reopenings.
  struct Forward final : SpiDevice {
    explicit Forward(FakeAde7858& to) : to_(to) {}
    std::error_code transfer(std::span<const std::uint8_t> tx,
                             std::span<std::uint8_t> rx) override {
      return to_.transfer(tx, rx);
    }
    FakeAde7858& to_;
  };

  common::ManualTimers timers;
  FakeAde7858 chip;
  std::vector<std::pair<std::string, bool>> gpio;
  int opens = 0;
  bool fail_open = false;
  Ade7858Meter meter;
};

TEST_F(Ade7858MeterTest, ResetRunsOnTimersThenTheChipIsConfigured) {
  chip.set_rms_a(CtChannel::site, 12.0);
  meter.start();
  // PM1 low, reset high then low: the 1 ms low and the 20 ms wait are timers, not sleeps.
  const std::vector<std::pair<std::string, bool>> begun{
      {"pm1", false}, {"reset", true}, {"reset", false}};
  EXPECT_EQ(gpio, begun);
  EXPECT_TRUE(meter.read(CtChannel::site).not_ready);
  timers.advance(1ms);
  EXPECT_EQ(gpio.back(), (std::pair<std::string, bool>{"reset", true}));
  timers.advance(19ms);
  EXPECT_FALSE(meter.ready());
  timers.advance(1ms);
  ASSERT_TRUE(meter.ready());
  EXPECT_EQ(chip.wake_transfers, 3);
  // Configuring overwrote the fake's registers but not the RMS ones: the reading is there.
  EXPECT_DOUBLE_EQ(meter.read(CtChannel::site).current_a.value_or(-1), 12.0);
  EXPECT_EQ(meter.name(), "ADE7858 on /dev/spidev0.1");
}

TEST_F(Ade7858MeterTest, AFailureIsAnErrorReadingAndIsRetried) {
  fail_open = true;
  meter.start();
  const auto reading = meter.read(CtChannel::solar);
  EXPECT_FALSE(reading.not_ready);
  EXPECT_EQ(reading.error, "cannot open /dev/spidev0.1: Permission denied");
  fail_open = false;
  timers.advance(30s);
  EXPECT_EQ(opens, 2);
  timers.advance(21ms);
  EXPECT_TRUE(meter.ready());
  // The SPI bus fails mid-run: an error, then a reopen after the retry interval.
  chip.fail_transfers = true;
  EXPECT_FALSE(meter.read(CtChannel::site).current_a);
  EXPECT_FALSE(meter.ready());
  chip.fail_transfers = false;
  timers.advance(30s + 21ms);
  EXPECT_TRUE(meter.ready());
  EXPECT_EQ(meter.failures(), 2u);
}

TEST_F(Ade7858MeterTest, AnAbsentChipIsNotReported) {
  chip.absent = true;
  meter.start();
  timers.advance(21ms);
  EXPECT_FALSE(meter.ready());
  EXPECT_EQ(meter.read(CtChannel::site).error, "no ADE7858 answers (no register kept its value)");
}

}  // namespace
}  // namespace hal::eo
