// The only translation unit of hal/eo that includes Asio (compile cost: see common/event_loop.hpp).
#include "hal/eo/tty_transport.hpp"

#include <array>
#include <deque>

#include <boost/asio/io_context.hpp>
#include <boost/asio/serial_port.hpp>
#include <boost/asio/write.hpp>

namespace hal::eo {

namespace asio = boost::asio;

// Shared with the pending handlers, which check `generation` so that nothing runs for a port that
// was closed (or closed and reopened) after they were queued.
struct TtyTransport::State : std::enable_shared_from_this<State> {
  explicit State(asio::io_context& context) : port(context) {}

  void read() {
    port.async_read_some(
        asio::buffer(buffer), [self = shared_from_this(), gen = generation](
                                  const boost::system::error_code& ec, std::size_t length) {
          if (gen != self->generation) return;
          if (ec) return self->fail(ec);
          if (self->callbacks.on_bytes)
            self->callbacks.on_bytes(std::string_view(self->buffer.data(), length));
          if (gen == self->generation) self->read();
        });
  }

  void write_next() {
    if (writing || queue.empty()) return;
    writing = true;
    // One async_write in flight at a time; the queue keeps the order.
    asio::async_write(port, asio::buffer(queue.front()),
                      [self = shared_from_this(), gen = generation](
                          const boost::system::error_code& ec, std::size_t) {
                        if (gen != self->generation) return;
                        self->writing = false;
                        if (ec) return self->fail(ec);
                        self->queue.pop_front();
                        self->write_next();
                      });
  }

  void shut() {
    ++generation;
    boost::system::error_code ignored;
    port.close(ignored);
    queue.clear();
    writing = false;
  }

  void fail(const boost::system::error_code& ec) {
    shut();
    if (callbacks.on_error) callbacks.on_error(std::error_code(ec.value(), std::system_category()));
  }

  asio::serial_port port;
  TransportCallbacks callbacks;
  std::array<char, 256> buffer{};
  std::deque<std::string> queue;
  bool writing = false;
  unsigned generation = 0;
};

TtyTransport::TtyTransport(common::EventLoop& loop, std::string device_path, unsigned baud_rate)
    : loop_(loop),
      path_(std::move(device_path)),
      baud_rate_(baud_rate),
      state_(std::make_shared<State>(loop.context())) {}

TtyTransport::~TtyTransport() {
  state_->shut();
}

std::error_code TtyTransport::open(TransportCallbacks callbacks) {
  state_->shut();
  boost::system::error_code ec;
  // Asio's open puts the tty in raw mode (no echo, no line editing, no CR/LF translation).
  state_->port.open(path_, ec);
  using base = asio::serial_port_base;
  if (!ec) state_->port.set_option(base::baud_rate(baud_rate_), ec);
  if (!ec) state_->port.set_option(base::character_size(8), ec);
  if (!ec) state_->port.set_option(base::parity(base::parity::none), ec);
  if (!ec) state_->port.set_option(base::stop_bits(base::stop_bits::one), ec);
  if (!ec) state_->port.set_option(base::flow_control(base::flow_control::none), ec);
  if (ec) {
    state_->shut();
    return std::error_code(ec.value(), std::system_category());
  }
  state_->callbacks = std::move(callbacks);
  state_->read();
  return {};
}

void TtyTransport::close() {
  state_->shut();
}

std::error_code TtyTransport::set_baud_rate(unsigned baud) {
  if (!state_->port.is_open()) return std::make_error_code(std::errc::bad_file_descriptor);
  boost::system::error_code ec;
  // tcsetattr(TCSANOW): the caller waits for the last reply first, so no byte is in flight.
  state_->port.set_option(asio::serial_port_base::baud_rate(baud), ec);
  return ec ? std::error_code(ec.value(), std::system_category()) : std::error_code();
}

bool TtyTransport::is_open() const {
  return state_->port.is_open();
}

void TtyTransport::write(std::string bytes) {
  if (!state_->port.is_open()) return;
  state_->queue.push_back(std::move(bytes));
  state_->write_next();
}

}  // namespace hal::eo
