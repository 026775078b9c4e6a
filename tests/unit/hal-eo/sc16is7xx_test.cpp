// The bridge logic against a fake chip: init sequence, transmit burst, draining an 80-byte reply
// through the 64-byte FIFO, overrun detection.
#include "hal/eo/sc16is7xx.hpp"

#include <gtest/gtest.h>

#include "fake_sc16is7xx.hpp"

namespace hal::eo {
namespace {

using testing::FakeSc16is7xx;
using Writes = std::vector<std::pair<std::string, std::uint8_t>>;

const std::string status_reply =
    "!15F2A021510036B0050000320C1121500000001000000C001020000082EA00000013F00000003C\r";

TEST(Sc16is7xx, AddressByteIsRegisterShiftedWithTheReadBit) {
  EXPECT_EQ(sc16is7xx::address_byte(sc16is7xx::rxlvl, true), 0xC8);
  EXPECT_EQ(sc16is7xx::address_byte(sc16is7xx::lcr, false), 0x18);
  EXPECT_EQ(sc16is7xx::address_byte(sc16is7xx::rhr_thr, true), 0x80);
}

TEST(Sc16is7xx, InitialiseWritesTheDocumentedSequenceAndChecksIt) {
  FakeSc16is7xx chip;
  Sc16is7xx bridge(chip);
  ASSERT_FALSE(bridge.initialise());
  EXPECT_EQ(chip.writes, (Writes{{"LCR", 0x80},
                                 {"DLL", 1},
                                 {"DLH", 0},
                                 {"LCR", 0xBF},
                                 {"EFR", 0},
                                 {"LCR", 0x03},
                                 {"FCR", 0x07},
                                 {"EFCR", 0x30}}));
}

TEST(Sc16is7xx, AnAbsentBridgeFailsInitialisation) {
  FakeSc16is7xx chip;
  chip.absent = true;
  Sc16is7xx bridge(chip);
  EXPECT_EQ(bridge.initialise(), std::make_error_code(std::errc::no_such_device));
  chip.absent = false;
  chip.fail_transfers = true;
  EXPECT_TRUE(bridge.initialise());
  EXPECT_GE(bridge.counters().spi_errors, 1u);
}

TEST(Sc16is7xx, TransmitClearsTheFifoThenSendsOneBurst) {
  FakeSc16is7xx chip;
  Sc16is7xx bridge(chip);
  ASSERT_FALSE(bridge.initialise());
  chip.fifo = {'s', 't', 'a', 'l', 'e'};
  chip.writes.clear();
  ASSERT_FALSE(bridge.transmit("+0000082EA215A3\r"));
  EXPECT_EQ(chip.writes, (Writes{{"FCR", 0x07}}));
  EXPECT_TRUE(chip.fifo.empty());
  EXPECT_EQ(chip.transmitted, "+0000082EA215A3\r");
}

TEST(Sc16is7xx, DrainsAnEightyByteReplyThroughTheSixtyFourByteFifo) {
  FakeSc16is7xx chip;
  Sc16is7xx bridge(chip);
  ASSERT_FALSE(bridge.initialise());
  chip.send_on_wire(status_reply);
  chip.bytes_per_transfer = 6;  // a tight reader: a few bytes arrive between two looks
  std::string received;
  for (int poll = 0; poll < 100 && received.size() < status_reply.size(); ++poll)
    ASSERT_FALSE(bridge.poll_receive(received));
  EXPECT_EQ(received, status_reply);
  EXPECT_EQ(bridge.counters().overruns, 0u);
}

TEST(Sc16is7xx, AReaderThatFallsBehindSeesTheOverrun) {
  FakeSc16is7xx chip;
  Sc16is7xx bridge(chip);
  ASSERT_FALSE(bridge.initialise());
  chip.send_on_wire(status_reply);
  chip.bytes_per_transfer = 80;  // descheduled: the whole reply arrived before the first look
  std::string received;
  for (int poll = 0; poll < 5; ++poll) ASSERT_FALSE(bridge.poll_receive(received));
  EXPECT_EQ(received.size(), sc16is7xx::fifo_bytes);
  EXPECT_EQ(bridge.counters().overruns, 1u);
}

TEST(Sc16is7xx, SpiErrorsAreReportedNotSwallowed) {
  FakeSc16is7xx chip;
  Sc16is7xx bridge(chip);
  chip.fail_transfers = true;
  std::string received;
  EXPECT_TRUE(bridge.poll_receive(received));
  EXPECT_TRUE(bridge.transmit("x"));
  EXPECT_EQ(bridge.read_register(sc16is7xx::lsr), -1);
}

}  // namespace
}  // namespace hal::eo
