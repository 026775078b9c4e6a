#pragma once
// Reading one WebSocket message with a size cap, for both daemons' sessions.
//
// Why not Beast's read_message_max: when a message exceeds it, Beast sends close 1009 and then
// tears TCP down itself, and its teardown (boost/beast/websocket/impl/teardown.hpp, 1.81) tests the
// wrong byte count and stops after one 2 KiB read. The socket is then closed with the rest of the
// big message still unread, the kernel answers with a reset, and the peer often sees the reset
// before our close frame: it reports 1006 instead of 1009. Reading in bounded chunks lets the
// caller run an ordinary close handshake instead, whose drain discards the rest of the message
// without buffering it.
//
// Only translation units that already instantiate a Beast websocket stream include this.
#include <algorithm>
#include <cstddef>
#include <utility>

#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>

namespace common::ws {

enum class ReadOutcome {
  message,  // one whole message is in the buffer
  too_big,  // more than the cap arrived; nothing more was read, the stream is still open
  failed,   // the read failed (closed, reset, protocol error): see the error code
};

namespace detail {

constexpr std::size_t k_read_chunk_bytes = 16 * 1024;

template <class Stream, class Handler>
class BoundedRead {
 public:
  BoundedRead(Stream& ws, boost::beast::flat_buffer& buffer, std::size_t max_bytes, Handler handler)
      : ws_(ws), buffer_(buffer), max_bytes_(max_bytes), handler_(std::move(handler)) {}

  void start() {
    // Never more than max + 1 bytes in the buffer: one byte over is enough to know.
    const std::size_t room = max_bytes_ + 1 - buffer_.size();
    ws_.async_read_some(buffer_.prepare(std::min(room, k_read_chunk_bytes)), std::move(*this));
  }

  void operator()(const boost::beast::error_code& ec, std::size_t bytes) {
    buffer_.commit(bytes);
    if (ec) return handler_(ec, ReadOutcome::failed);
    if (buffer_.size() > max_bytes_) return handler_(ec, ReadOutcome::too_big);
    if (ws_.is_message_done()) return handler_(ec, ReadOutcome::message);
    start();
  }

 private:
  Stream& ws_;
  boost::beast::flat_buffer& buffer_;
  std::size_t max_bytes_;
  Handler handler_;
};

}  // namespace detail

// Appends one message to `buffer` (clear it first). `handler(error_code, ReadOutcome)` runs once.
// The stream's own read_message_max should be 0 (no limit) so that Beast never fails first.
template <class Stream, class Handler>
void async_read_bounded(Stream& ws, boost::beast::flat_buffer& buffer, std::size_t max_bytes,
                        Handler handler) {
  detail::BoundedRead<Stream, Handler>(ws, buffer, max_bytes, std::move(handler)).start();
}

}  // namespace common::ws
