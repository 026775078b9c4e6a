#include <gtest/gtest.h>

#include "common/percent_encoding.hpp"

namespace {

TEST(PercentEncoding, KeepsUnreservedAndEncodesTheRest) {
  EXPECT_EQ(common::percent_encode_segment("EO-Box_1.a~"), "EO-Box_1.a~");
  EXPECT_EQ(common::percent_encode_segment("EO Box/1"), "EO%20Box%2F1");
  EXPECT_EQ(common::percent_encode_segment("é"), "%C3%A9");
}

TEST(PercentEncoding, DecodesAndRoundTrips) {
  EXPECT_EQ(common::percent_decode("EO%20Box"), "EO Box");
  EXPECT_EQ(common::percent_decode("%c3%a9"), "é");
  for (const char* text : {"", "plain", "a b/c?d#e%f", "ünïcødé"}) {
    EXPECT_EQ(common::percent_decode(common::percent_encode_segment(text)), text);
  }
}

TEST(PercentEncoding, RejectsMalformedSequences) {
  for (const char* bad : {"%", "%2", "abc%", "%zz", "%0g", "a%00b"}) {
    EXPECT_FALSE(common::percent_decode(bad)) << bad;
  }
}

}  // namespace
