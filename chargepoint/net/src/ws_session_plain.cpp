// ws:// sessions. The only translation unit that instantiates the plain-TCP WebSocket stream.
#include "ws_session_impl.hpp"

namespace chargepoint::net::detail {

namespace {

struct PlainTransport {
  using NextLayer = asio::ip::tcp::socket;

  explicit PlainTransport(const SessionConfig&) {}

  static std::tuple<asio::io_context&> stream_args(asio::io_context& context) { return {context}; }

  template <class WsStream>
  static std::optional<std::string> prepare(WsStream&, const SessionConfig&) {
    return std::nullopt;
  }

  template <class WsStream>
  static std::string failure_detail(WsStream&) {
    return "";
  }

  // Nothing to secure: continue straight to the upgrade.
  template <class WsStream, class Handler>
  static void async_handshake(WsStream&, Handler&& handler) {
    handler(beast::error_code{});
  }
};

}  // namespace

std::shared_ptr<Session> make_plain_session(common::EventLoop& loop, SessionConfig config,
                                            SessionEvents& events) {
  return std::make_shared<BeastSession<PlainTransport>>(loop, std::move(config), events);
}

}  // namespace chargepoint::net::detail
