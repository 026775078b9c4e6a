// The codec against the real frames in the protocol notes and frames built here.
#include "hal/eo/codec.hpp"

#include <cctype>
#include <cmath>
#include <limits>
#include <string>

#include <gtest/gtest.h>

namespace hal::eo {
namespace {

// Notes §4: a status frame consistent with the layout (32 A offered, charging at 31.9 A).
constexpr std::string_view real_status =
    "!15F2A021510036B0050000320C1121500000001000000C001020000082EA00000013F00000003C";

std::string with_checksum(std::string body) {
  return body + checksum_hex(body);
}

TEST(Checksum, MatchesTheFrameCheckedOnARealBoard) {
  EXPECT_EQ(checksum_hex("+0000082EA000"), "9B");
  EXPECT_EQ(checksum_hex("+0000082EA215"), "A3");
  EXPECT_EQ(checksum_hex("+1"), "5C");
  EXPECT_EQ(checksum_hex(""), "00");
  EXPECT_EQ(checksum(std::string(300, 'A')), (300 * 0x41) & 0xFF);  // wraps at 8 bits
}

TEST(Requests, DiscoverIsPlus1AndItsChecksum) {
  EXPECT_EQ(encode_discover(), "+15C\r");
}

TEST(Requests, SetLimitMatchesTheRealFrames) {
  EXPECT_EQ(encode_set_limit("000082EA", 0), "+0000082EA0009B\r");
  EXPECT_EQ(encode_set_limit("000082EA", duty_for_current(32)), "+0000082EA215A3\r");
}

TEST(Requests, SetLimitNeverContainsLowerCaseHex) {
  for (int duty = 0; duty <= max_duty_tenths; ++duty) {
    const auto frame = encode_set_limit("0000ABCD", duty);
    ASSERT_TRUE(frame.has_value());
    for (const char c : *frame) ASSERT_FALSE(std::islower(static_cast<unsigned char>(c))) << *frame;
  }
}

TEST(Requests, SetLimitRefusesWhatMustNotBeSent) {
  EXPECT_FALSE(encode_set_limit("000082E", 100));    // 7 characters
  EXPECT_FALSE(encode_set_limit("000082EAB", 100));  // 9
  EXPECT_FALSE(encode_set_limit(std::string("0000\r2EA"), 100));
  EXPECT_FALSE(encode_set_limit("000082EA", -1));
  EXPECT_FALSE(encode_set_limit("000082EA", 0x1000));
}

TEST(Duty, TableFromTheNotes) {
  const std::pair<double, const char*> table[] = {
      {6, "064"}, {10, "0A7"}, {13, "0D9"}, {16, "10B"}, {20, "14D"}, {25, "1A1"}, {32, "215"}};
  for (const auto& [amps, hex] : table) {
    const auto frame = encode_set_limit("000082EA", duty_for_current(amps));
    ASSERT_TRUE(frame);
    EXPECT_EQ(frame->substr(10, 3), hex) << amps << " A";
    EXPECT_DOUBLE_EQ(current_for_duty(duty_for_current(amps)), amps) << amps << " A";
  }
}

TEST(Duty, BelowSixAmpsPausesAndAboveThirtyTwoIsCapped) {
  EXPECT_EQ(duty_for_current(5.99), 0);
  EXPECT_EQ(duty_for_current(0), 0);
  EXPECT_EQ(duty_for_current(-3), 0);
  EXPECT_EQ(duty_for_current(std::numeric_limits<double>::quiet_NaN()), 0);
  EXPECT_EQ(duty_for_current(6), 100);
  EXPECT_EQ(duty_for_current(80), 533);
  EXPECT_EQ(duty_for_current(13.5), 225);
  EXPECT_DOUBLE_EQ(current_for_duty(0), 0);
  EXPECT_DOUBLE_EQ(current_for_duty(-4), 0);
}

TEST(AddressReply, ParsesEightCharacters) {
  const auto frame = with_checksum("!000082EA");
  const auto reply = parse_address_reply(frame, true);
  ASSERT_TRUE(reply.ok()) << describe(reply.error());
  EXPECT_EQ(reply.value().address, "000082EA");
  EXPECT_TRUE(reply.value().checksum_ok);
}

TEST(AddressReply, RefusesWrongShapes) {
  EXPECT_EQ(parse_address_reply("", true).error().kind, CodecError::Kind::empty);
  EXPECT_EQ(parse_address_reply("!", true).error().kind, CodecError::Kind::empty);
  EXPECT_EQ(parse_address_reply("?000082EA00", true).error().kind, CodecError::Kind::bad_start);
  EXPECT_EQ(parse_address_reply(with_checksum("!000082E"), true).error().kind,
            CodecError::Kind::bad_length);
  EXPECT_EQ(parse_address_reply("!000082EAZZ", true).error().kind, CodecError::Kind::not_hex);
  auto bad = with_checksum(
      "!0000\x01"
      "2EA");
  EXPECT_EQ(parse_address_reply(bad, true).error().kind, CodecError::Kind::not_printable);
}

TEST(StatusBlock, EveryFieldOfTheRealFrame) {
  const auto parsed = parse_status(real_status, true);
  ASSERT_TRUE(parsed.ok()) << describe(parsed.error());
  const auto& s = parsed.value();
  EXPECT_EQ(s.firmware_version, 0x15);
  EXPECT_EQ(s.rotary_switch, 0xF);
  EXPECT_EQ(s.control_pilot_raw, 0x2A0);
  EXPECT_EQ(s.duty_output_tenths, 0x215);
  EXPECT_EQ(s.plug_voltage_raw, 0x100);
  EXPECT_EQ(s.live_voltage_raw, 0x36B);
  EXPECT_NEAR(live_voltage_v(s.live_voltage_raw, default_voltage_correction), 240.07, 0.01);
  EXPECT_EQ(s.neutral_voltage_raw, 5);
  EXPECT_EQ(s.daylight_raw, 0);
  EXPECT_EQ(s.frequency_hz, 50);
  EXPECT_EQ(s.state_id, 12);
  EXPECT_EQ(s.relay_state, '1');
  EXPECT_EQ(s.plug_state, '1');
  EXPECT_EQ(s.duty_limit_tenths, 0x215);
  EXPECT_EQ(s.charge_duty_timer, 0);
  EXPECT_EQ(s.station_uptime, 1);
  EXPECT_EQ(s.charge_time, 0);
  EXPECT_EQ(s.mains_state, 0);
  EXPECT_EQ(s.control_pilot_line, 'C');
  EXPECT_EQ(s.station_id, '0');
  EXPECT_EQ(s.random_value, 1);
  EXPECT_EQ(s.max_current_a, 32);
  EXPECT_EQ(s.persistent_id, "000082EA");
  EXPECT_EQ(s.watchdog_current, 0);
  EXPECT_EQ(s.watchdog_time, 0);
  EXPECT_EQ(s.p1_deciamps, 0x13F);
  EXPECT_DOUBLE_EQ(s.p1_current_a(), 31.9);
  EXPECT_EQ(s.p2_deciamps, 0);
  EXPECT_EQ(s.p3_deciamps, 0);
  EXPECT_EQ(s.eco7_switch, '0');
  EXPECT_TRUE(s.checksum_ok);
}

TEST(StatusBlock, EncodeIsTheInverseOfParse) {
  const auto parsed = parse_status(real_status, true);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(encode_status(parsed.value()), real_status);

  StatusBlock built;
  built.firmware_version = 0xAB;
  built.rotary_switch = 7;
  built.control_pilot_raw = 0x123;
  built.duty_output_tenths = 0x10B;
  built.plug_voltage_raw = 0xFFF;
  built.live_voltage_raw = 0x36B;
  built.neutral_voltage_raw = 0x001;
  built.daylight_raw = 0x0EE;
  built.frequency_hz = 49;
  built.state_id = 0x2A;
  built.relay_state = '0';
  built.plug_state = 'P';
  built.duty_limit_tenths = 0x0A7;
  built.charge_duty_timer = 0xBEEF;
  built.station_uptime = 0x1234;
  built.charge_time = 0xFFFF;
  built.mains_state = 4;
  built.control_pilot_line = 'B';
  built.station_id = 'X';
  built.random_value = 0x7F;
  built.max_current_a = 16;
  built.persistent_id = "ABCD1234";
  built.watchdog_current = 0x140;
  built.watchdog_time = 0x03C;
  built.p1_deciamps = 160;
  built.p2_deciamps = 1;
  built.p3_deciamps = 0xFFF;
  built.eco7_switch = '1';
  const auto frame = encode_status(built);
  ASSERT_EQ(frame.size(), status_frame_length);
  const auto back = parse_status(frame, true);
  ASSERT_TRUE(back.ok()) << describe(back.error());
  const auto& s = back.value();
  EXPECT_EQ(s.firmware_version, 0xAB);
  EXPECT_EQ(s.rotary_switch, 7);
  EXPECT_EQ(s.control_pilot_raw, 0x123);
  EXPECT_EQ(s.duty_output_tenths, 0x10B);
  EXPECT_EQ(s.plug_voltage_raw, 0xFFF);
  EXPECT_EQ(s.neutral_voltage_raw, 1);
  EXPECT_EQ(s.daylight_raw, 0xEE);
  EXPECT_EQ(s.frequency_hz, 49);
  EXPECT_EQ(s.state_id, 0x2A);
  EXPECT_EQ(s.relay_state, '0');
  EXPECT_EQ(s.plug_state, 'P');
  EXPECT_EQ(s.duty_limit_tenths, 0xA7);
  EXPECT_EQ(s.charge_duty_timer, 0xBEEF);
  EXPECT_EQ(s.station_uptime, 0x1234);
  EXPECT_EQ(s.charge_time, 0xFFFF);
  EXPECT_EQ(s.mains_state, 4);
  EXPECT_EQ(s.control_pilot_line, 'B');
  EXPECT_EQ(s.station_id, 'X');
  EXPECT_EQ(s.random_value, 0x7F);
  EXPECT_EQ(s.max_current_a, 16);
  EXPECT_EQ(s.persistent_id, "ABCD1234");
  EXPECT_EQ(s.watchdog_current, 0x140);
  EXPECT_EQ(s.watchdog_time, 0x3C);
  EXPECT_DOUBLE_EQ(s.p1_current_a(), 16.0);
  EXPECT_DOUBLE_EQ(s.p2_current_a(), 0.1);
  EXPECT_DOUBLE_EQ(s.p3_current_a(), 409.5);
  EXPECT_EQ(s.eco7_switch, '1');
}

TEST(StatusBlock, WrongChecksumIsCountedOrRefused) {
  std::string frame(real_status);
  frame[78] = 'D';  // 3C → 3D
  const auto lenient = parse_status(frame, false);
  ASSERT_TRUE(lenient.ok());
  EXPECT_FALSE(lenient.value().checksum_ok);
  const auto strict = parse_status(frame, true);
  ASSERT_FALSE(strict.ok());
  EXPECT_EQ(strict.error().kind, CodecError::Kind::bad_checksum);
  EXPECT_EQ(strict.error().index, 77u);
}

TEST(StatusBlock, EveryTruncationIsABadLength) {
  for (std::size_t length = 2; length < status_frame_length; ++length) {
    const auto parsed = parse_status(real_status.substr(0, length), false);
    ASSERT_FALSE(parsed.ok()) << length;
    EXPECT_EQ(parsed.error().kind, CodecError::Kind::bad_length) << length;
  }
  EXPECT_EQ(parse_status(std::string(real_status) + "0", false).error().kind,
            CodecError::Kind::bad_length);
}

TEST(StatusBlock, GarbageInAnyHexFieldIsRefusedWithItsIndex) {
  const std::size_t hex_positions[] = {1,  3,  6,  9,  12, 15, 18, 21, 24, 26, 31,
                                       35, 39, 43, 45, 49, 52, 63, 66, 69, 72, 75};
  for (const auto at : hex_positions) {
    std::string frame(real_status.substr(0, 77));
    frame[at] = 'G';
    const auto parsed = parse_status(with_checksum(frame), true);
    ASSERT_FALSE(parsed.ok()) << at;
    EXPECT_EQ(parsed.error().kind, CodecError::Kind::not_hex) << at;
    EXPECT_EQ(parsed.error().index, at);
  }
  for (const std::size_t at : {27u, 28u, 46u, 47u, 55u, 76u}) {
    std::string frame(real_status.substr(0, 77));
    frame[at] = '\x7F';
    const auto parsed = parse_status(with_checksum(frame), true);
    ASSERT_FALSE(parsed.ok()) << at;
    EXPECT_EQ(parsed.error().kind, CodecError::Kind::not_printable) << at;
  }
}

TEST(StatusBlock, GarbageNeverCrashes) {
  std::string frame(status_frame_length, '\0');
  unsigned seed = 12345;
  int parsed_ok = 0;
  for (int round = 0; round < 5000; ++round) {
    for (auto& c : frame) {
      seed = seed * 1103515245U + 12345U;
      c = static_cast<char>((seed >> 16U) & 0xFFU);
    }
    frame[0] = '!';
    parsed_ok += parse_status(frame, false).ok() ? 1 : 0;
  }
  EXPECT_EQ(parsed_ok, 0);  // random bytes are never a valid block
}

TEST(Voltage, CorrectionFactorAndInverse) {
  EXPECT_DOUBLE_EQ(live_voltage_v(0, 0.776), 0);
  EXPECT_NEAR(live_voltage_v(0x36B, 0.8), 247.49, 0.01);
  EXPECT_EQ(live_voltage_raw(240.07, 0.776), 0x36B);
  EXPECT_EQ(live_voltage_raw(0, 0.776), 0);
  EXPECT_EQ(live_voltage_raw(100000, 0.776), 4095);
}

TEST(States, EveryIdFromTheTable) {
  struct Row {
    int id;
    StateClass cls;
    VehicleState offering;
    VehicleState paused;
  };
  using C = StateClass;
  using V = VehicleState;
  const Row rows[] = {
      {0, C::booting, V::unknown, V::unknown},
      {1, C::booting, V::unknown, V::unknown},
      {2, C::booting, V::unknown, V::unknown},
      {3, C::mains_fault, V::unknown, V::unknown},
      {4, C::mains_fault, V::unknown, V::unknown},
      {5, C::vehicle, V::no_vehicle, V::no_vehicle},
      {6, C::vehicle, V::no_vehicle, V::no_vehicle},
      {7, C::vehicle, V::plug_present, V::plug_present},
      {8, C::vehicle, V::plug_present, V::plug_present},
      {9, C::vehicle, V::connected, V::evse_suspended},
      {10, C::vehicle, V::connected, V::evse_suspended},
      {11, C::vehicle, V::charging, V::charging},
      {12, C::vehicle, V::charging, V::charging},
      {13, C::vehicle, V::ev_finished, V::ev_finished},
      {14, C::vehicle, V::ev_finished, V::ev_finished},
      {15, C::vehicle, V::evse_suspended, V::evse_suspended},
      {16, C::vehicle, V::evse_suspended, V::evse_suspended},
      {17, C::unknown, V::unknown, V::unknown},
      {18, C::vehicle, V::evse_suspended, V::evse_suspended},
  };
  for (const auto& row : rows) {
    EXPECT_EQ(interpret_state(row.id, true).state_class, row.cls) << row.id;
    EXPECT_EQ(interpret_state(row.id, true).vehicle, row.offering) << row.id;
    EXPECT_EQ(interpret_state(row.id, false).vehicle, row.paused) << row.id;
    EXPECT_FALSE(interpret_state(row.id, true).name.empty());
  }
  for (int id = 19; id <= 0xFF; ++id)
    EXPECT_EQ(interpret_state(id, true).state_class, StateClass::unknown) << id;
  EXPECT_EQ(interpret_state(-1, true).state_class, StateClass::unknown);
}

}  // namespace
}  // namespace hal::eo
