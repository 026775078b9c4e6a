#include "hal/eo/board_setup.hpp"

#include <algorithm>
#include <cctype>

#include "hal/eo/tty_transport.hpp"

namespace hal::eo {

std::optional<BoardKind> detect_board_kind(std::string_view cpuinfo) {
  constexpr std::string_view mini_pro_2_revisions[] = {"900092", "900093", "9000c1", "902120"};
  while (!cpuinfo.empty()) {
    const auto end = cpuinfo.find('\n');
    auto line = cpuinfo.substr(0, end);
    cpuinfo = end == std::string_view::npos ? std::string_view() : cpuinfo.substr(end + 1);
    if (line.rfind("Revision", 0) != 0) continue;
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    auto value = line.substr(colon + 1);
    while (!value.empty() && std::isspace(static_cast<unsigned char>(value.front())))
      value.remove_prefix(1);
    while (!value.empty() && std::isspace(static_cast<unsigned char>(value.back())))
      value.remove_suffix(1);
    std::string lower(value);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const bool pro = std::find(std::begin(mini_pro_2_revisions), std::end(mini_pro_2_revisions),
                               lower) != std::end(mini_pro_2_revisions);
    return pro ? BoardKind::mini_pro_2 : BoardKind::hub;
  }
  return std::nullopt;
}

std::unique_ptr<Transport> make_transport(common::EventLoop& loop, const EoLinkSettings& link) {
  if (link.kind == BoardKind::mini_pro_2)
    return std::make_unique<SpiBridgeTransport>(
        [&loop](std::function<void()> fn) { loop.post(std::move(fn)); }, link.spi);
  return std::make_unique<TtyTransport>(loop, link.tty_path);
}

}  // namespace hal::eo
