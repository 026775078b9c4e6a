#pragma once
// Choosing and opening the link: which box this is, and the transport that reaches its board.
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/event_loop.hpp"
#include "hal/eo/spi_bridge_transport.hpp"
#include "hal/eo/transport.hpp"

namespace hal::eo {

enum class BoardKind {
  hub,         // Smart Home Hub / Mini: USB RS-485 adapter, a tty
  mini_pro_2,  // SC16IS7xx bridge on SPI
  pty,         // eo-board-sim's pseudo-terminal (a tty without the hardware)
};

struct EoLinkSettings {
  BoardKind kind = BoardKind::hub;
  std::string tty_path = "/dev/ttyUSB0";  // hub; for pty: the path eo-board-sim printed
  SpiBridgeSettings spi;                  // mini_pro_2
};

// Notes §1: a Mini Pro 2 is a Pi Zero family board whose /proc/cpuinfo Revision is one of
// 900092, 900093, 9000c1, 902120; anything else with a Revision line is taken for a Hub.
// nullopt when the text has no Revision line (not a Pi: say --hardware explicitly).
std::optional<BoardKind> detect_board_kind(std::string_view cpuinfo);
std::unique_ptr<Transport> make_transport(common::EventLoop& loop, const EoLinkSettings& link);

}  // namespace hal::eo
