#include "hal/eo/framer.hpp"

#include <gtest/gtest.h>

namespace hal::eo {
namespace {

std::vector<std::string> frames_of(const std::vector<FramedReply>& replies) {
  std::vector<std::string> frames;
  for (const auto& reply : replies) {
    EXPECT_FALSE(reply.error.has_value()) << reply.frame;
    frames.push_back(reply.frame);
  }
  return frames;
}

TEST(Framer, CrAndCrLfBothEndAFrame) {
  ReplyFramer framer;
  EXPECT_EQ(frames_of(framer.feed("!ABC\r!DEF\r\n!GHI\n")),
            (std::vector<std::string>{"!ABC", "!DEF", "!GHI"}));
  EXPECT_EQ(framer.counters().noise_bytes, 0u);
}

TEST(Framer, ByteByByteAsTheBridgeDeliversThem) {
  ReplyFramer framer;
  const std::string stream = "!000082EA7B\r\n";
  std::vector<std::string> frames;
  for (const char c : stream)
    for (auto& reply : framer.feed(std::string_view(&c, 1))) frames.push_back(reply.frame);
  EXPECT_EQ(frames, std::vector<std::string>{"!000082EA7B"});
  EXPECT_FALSE(framer.in_frame());
}

TEST(Framer, NoiseOutsideFramesIsCountedAndSkipped) {
  ReplyFramer framer;
  EXPECT_EQ(frames_of(framer.feed(std::string_view("\xFF\x00xy!OK\r", 8))),
            std::vector<std::string>{"!OK"});
  EXPECT_EQ(framer.counters().noise_bytes, 4u);
}

TEST(Framer, AnInterruptedFrameIsDroppedAndCounted) {
  ReplyFramer framer;
  EXPECT_EQ(frames_of(framer.feed("!15F2A0!NEXT\r")), std::vector<std::string>{"!NEXT"});
  EXPECT_EQ(framer.counters().interrupted_frames, 1u);
}

TEST(Framer, AnOverlongFrameIsOneErrorThenTheStreamRecovers) {
  ReplyFramer framer(10);
  const auto replies = framer.feed("!0123456789ABCDEF\r!OK\r");
  ASSERT_EQ(replies.size(), 2u);
  ASSERT_TRUE(replies[0].error.has_value());
  EXPECT_EQ(replies[0].error->kind, CodecError::Kind::too_long);
  EXPECT_EQ(replies[1].frame, "!OK");
  EXPECT_EQ(framer.counters().overlong_frames, 1u);
}

TEST(Framer, ResetForgetsAHalfFrame) {
  ReplyFramer framer;
  EXPECT_TRUE(framer.feed("!15F2").empty());
  EXPECT_TRUE(framer.in_frame());
  framer.reset();
  EXPECT_EQ(frames_of(framer.feed("AB\r!X\r")), std::vector<std::string>{"!X"});
}

}  // namespace
}  // namespace hal::eo
