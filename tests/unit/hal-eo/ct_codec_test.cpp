// The CT codec: the Hub CT device's 14-byte frames (notes §5), the channels and the calibration.
#include "hal/eo/ct_codec.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace hal::eo {
namespace {

std::string bytes(std::initializer_list<unsigned> values) {
  std::string out;
  for (const auto v : values) out += static_cast<char>(v);
  return out;
}

TEST(CtCodec, RequestsAreTheFourteenBytesOfTheNotes) {
  EXPECT_EQ(encode_ct_request(CtChannel::site),
            bytes({0x55, 0x55, 0xBE, 0x00, 0xBE, 0x93, 0x00, 0x13, 0, 0, 0, 0, 0, 0}));
  EXPECT_EQ(encode_ct_request(CtChannel::vehicle).substr(6, 2), bytes({0x00, 0x14}));
  EXPECT_EQ(encode_ct_request(CtChannel::solar).substr(6, 2), bytes({0x00, 0x15}));
  EXPECT_EQ(encode_ct_request(CtChannel::solar).size(), 14u);
}

TEST(CtCodec, ReplyCarriesBigEndianMilliampsInBytes8To11) {
  // 23 500 mA = 0x00005BCC.
  auto reply = encode_ct_request(CtChannel::site);
  reply[8] = 0x00;
  reply[9] = 0x00;
  reply[10] = 0x5B;
  reply[11] = static_cast<char>(0xCC);
  const auto parsed = parse_ct_reply(reply, CtChannel::site);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed.value().milliamps, 23500u);
  EXPECT_DOUBLE_EQ(parsed.value().current_a(), 23.5);
  EXPECT_TRUE(parsed.value().echo_matches);
  EXPECT_EQ(encode_ct_reply(CtChannel::site, 23500), reply);
}

TEST(CtCodec, AReplyThatDoesNotEchoTheRequestIsTakenAndFlagged) {
  // Whether the device echoes header, address and register is unconfirmed: only counted.
  auto reply = encode_ct_reply(CtChannel::solar, 1200);
  reply[0] = 0x00;
  const auto parsed = parse_ct_reply(reply, CtChannel::solar);
  ASSERT_TRUE(parsed.ok());
  EXPECT_FALSE(parsed.value().echo_matches);
  EXPECT_FALSE(parse_ct_reply(encode_ct_reply(CtChannel::site, 1200), CtChannel::solar)
                   .value()
                   .echo_matches);
}

TEST(CtCodec, WrongLengthsAndImplausibleValuesAreRefusedPrecisely) {
  const auto reply = encode_ct_reply(CtChannel::site, 1000);
  const auto empty = parse_ct_reply("", CtChannel::site);
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().kind, CodecError::Kind::empty);
  const auto short_reply = parse_ct_reply(reply.substr(0, 13), CtChannel::site);
  ASSERT_FALSE(short_reply.ok());
  EXPECT_EQ(describe(short_reply.error()), "wrong reply length at byte 13");
  EXPECT_FALSE(parse_ct_reply(reply + "x", CtChannel::site).ok());
  // 200 A is the most any clamp here measures; 0xFFFFFFFF mA is a garbled answer.
  EXPECT_TRUE(parse_ct_reply(encode_ct_reply(CtChannel::site, 200000), CtChannel::site).ok());
  const auto garbled = parse_ct_reply(encode_ct_reply(CtChannel::site, 200001), CtChannel::site);
  ASSERT_FALSE(garbled.ok());
  EXPECT_EQ(describe(garbled.error()), "implausible value at byte 8");
}

TEST(CtCodec, ChannelsByName) {
  for (const auto channel : all_ct_channels)
    EXPECT_EQ(parse_ct_channel(to_string(channel)), channel);
  EXPECT_FALSE(parse_ct_channel("grid").has_value());
  CtChannels channels;
  set_channel(channels, CtChannel::solar, true);
  EXPECT_TRUE(has_channel(channels, CtChannel::solar));
  EXPECT_FALSE(has_channel(channels, CtChannel::site));
}

TEST(CtCalibration, BoundsAreCheckedWithAPreciseMessage) {
  EXPECT_FALSE(calibration_error({1.0, 0.0}));
  EXPECT_FALSE(calibration_error({0.5, -2.0}));
  EXPECT_FALSE(calibration_error({2.0, 2.0}));
  EXPECT_EQ(calibration_error({2.5, 0}).value_or(""), "scale 2.5 is outside 0.5 to 2");
  EXPECT_EQ(calibration_error({0.49, 0}).value_or(""), "scale 0.49 is outside 0.5 to 2");
  EXPECT_EQ(calibration_error({1, -2.1}).value_or(""), "offset -2.1 A is outside -2 to 2 A");
  EXPECT_TRUE(calibration_error({std::nan(""), 0}).has_value());
  EXPECT_TRUE(calibration_error({1, std::nan("")}).has_value());
}

TEST(CtCalibration, ScaleThenOffsetNeverBelowZero) {
  EXPECT_DOUBLE_EQ(calibrated_current_a({1.0, 0.0}, 10), 10);
  EXPECT_DOUBLE_EQ(calibrated_current_a({1.1, -0.5}, 10), 10.5);
  EXPECT_DOUBLE_EQ(calibrated_current_a({1.0, -1.5}, 0.4), 0);  // an RMS reading has no sign
}

}  // namespace
}  // namespace hal::eo
