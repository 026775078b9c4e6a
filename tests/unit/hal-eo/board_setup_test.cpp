#include "hal/eo/board_setup.hpp"

#include <gtest/gtest.h>

namespace hal::eo {
namespace {

TEST(DetectBoardKind, MiniPro2RevisionsAndEverythingElse) {
  EXPECT_EQ(detect_board_kind("processor\t: 0\nRevision\t: 9000c1\nSerial\t: 1\n"),
            BoardKind::mini_pro_2);
  for (const char* revision : {"900092", "900093", "902120", "9000C1"})
    EXPECT_EQ(detect_board_kind(std::string("Revision : ") + revision + "\n"),
              BoardKind::mini_pro_2)
        << revision;
  EXPECT_EQ(detect_board_kind("Revision\t: a02082\n"), BoardKind::hub);  // Pi 3B
  EXPECT_EQ(detect_board_kind("model name : x86\n"), std::nullopt);
  EXPECT_EQ(detect_board_kind(""), std::nullopt);
}

}  // namespace
}  // namespace hal::eo
