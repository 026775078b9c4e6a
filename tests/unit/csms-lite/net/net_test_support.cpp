#include "net_test_support.hpp"

#include <array>
#include <atomic>
#include <cctype>
#include <deque>
#include <fstream>

#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/websocket/stream.hpp>

namespace csms::net::testing {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = boost::beast::websocket;
using tcp = asio::ip::tcp;

bool run_until(common::EventLoop& loop, const std::function<bool()>& done,
               std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!done()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    loop.run_for(5ms);
  }
  return true;
}

void RecordingHandler::on_open(std::shared_ptr<OcppConnection> connection) {
  events.push_back("open:" + connection->charge_point_id());
  opened.push_back(std::move(connection));
}

void RecordingHandler::on_text(OcppConnection& connection, std::string_view text) {
  texts.emplace_back(connection.charge_point_id(), std::string(text));
  if (echo) connection.send_text(std::string(text));
}

void RecordingHandler::on_close(OcppConnection& connection, std::string_view reason) {
  events.push_back("close:" + connection.charge_point_id());
  closes.emplace_back(connection.charge_point_id(), std::string(reason));
}

std::shared_ptr<OcppConnection> RecordingHandler::connection(const std::string& id) const {
  for (auto it = opened.rbegin(); it != opened.rend(); ++it) {
    if ((*it)->charge_point_id() == id) return *it;
  }
  return nullptr;
}

AuthResult FakeGate::admit(std::string_view charge_point_id,
                           std::optional<std::string_view> password) {
  calls.emplace_back(std::string(charge_point_id),
                     password ? std::optional<std::string>(std::string(*password)) : std::nullopt);
  const auto it = known.find(charge_point_id);
  if (it == known.end()) return AuthResult::UnknownChargePoint;
  if (!it->second) return AuthResult::Accepted;
  return password && *password == *it->second ? AuthResult::Accepted : AuthResult::Unauthorized;
}

namespace {

void write_file(const std::filesystem::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
}

}  // namespace

WebRoot::WebRoot() {
  static std::atomic<int> counter{0};
  base_ = std::filesystem::temp_directory_path() /
          ("csms-net-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  root_ = base_ / "web";
  std::filesystem::create_directories(root_ / "sub");
  write_file(root_ / "index.html", "<h1>csms-lite</h1>");
  write_file(root_ / "app.js", "console.log('hi');");
  write_file(root_ / "style.css", "body{}");
  write_file(root_ / "logo.svg", "<svg/>");
  write_file(root_ / "data.json", "{}");
  write_file(root_ / "sub" / "index.html", "sub index");
  write_file(root_ / ".env", "PASSWORD=1");
  write_file(base_ / "secret.txt", "TOP SECRET");
  std::filesystem::create_symlink(base_ / "secret.txt", root_ / "leak.txt");
}

WebRoot::~WebRoot() {
  std::error_code ignored;
  std::filesystem::remove_all(base_, ignored);
}

std::vector<ParsedResponse> parse_responses(const std::string& raw, bool head_request) {
  std::vector<ParsedResponse> responses;
  std::size_t at = 0;
  while (at < raw.size()) {
    const auto header_end = raw.find("\r\n\r\n", at);
    if (header_end == std::string::npos) break;
    ParsedResponse response;
    const auto status_line_end = raw.find("\r\n", at);
    response.status = std::stoi(raw.substr(at + 9, 3));  // "HTTP/1.1 " is 9 characters
    std::size_t line = status_line_end + 2;
    while (line < header_end) {
      const auto line_end = raw.find("\r\n", line);
      const auto colon = raw.find(':', line);
      std::string name = raw.substr(line, colon - line);
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      auto value = raw.substr(colon + 1, line_end - colon - 1);
      while (!value.empty() && value.front() == ' ') value.erase(0, 1);
      response.headers[name] = value;
      line = line_end + 2;
    }
    at = header_end + 4;
    const auto length_it = response.headers.find("content-length");
    if (length_it != response.headers.end() && !head_request) {
      const auto length = std::stoul(length_it->second);
      response.body = raw.substr(at, length);
      at += length;
    }
    responses.push_back(std::move(response));
  }
  return responses;
}

WsClientOptions ws_options(std::string target, std::optional<std::string> subprotocols,
                           std::optional<std::string> authorization, bool read) {
  WsClientOptions options;
  options.target = std::move(target);
  options.subprotocols = std::move(subprotocols);
  options.authorization = std::move(authorization);
  options.read = read;
  return options;
}

std::string basic_auth(const std::string& user, const std::string& password) {
  static constexpr std::string_view alphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const std::string plain = user + ":" + password;
  std::string out = "Basic ";
  for (std::size_t i = 0; i < plain.size(); i += 3) {
    std::uint32_t chunk = static_cast<unsigned char>(plain[i]) << 16;
    if (i + 1 < plain.size()) chunk |= static_cast<unsigned char>(plain[i + 1]) << 8;
    if (i + 2 < plain.size()) chunk |= static_cast<unsigned char>(plain[i + 2]);
    out += alphabet[(chunk >> 18) & 63];
    out += alphabet[(chunk >> 12) & 63];
    out += i + 1 < plain.size() ? alphabet[(chunk >> 6) & 63] : '=';
    out += i + 2 < plain.size() ? alphabet[chunk & 63] : '=';
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------

struct RawClient::Impl : std::enable_shared_from_this<Impl> {
  explicit Impl(asio::io_context& context) : socket(context) {}

  void read() {
    socket.async_read_some(asio::buffer(chunk),
                           [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                             if (ec) {
                               self->closed = true;
                               return;
                             }
                             self->received.append(self->chunk.data(), n);
                             self->read();
                           });
  }

  void flush() {
    if (writing || !connected || outgoing.empty()) return;
    writing = true;
    asio::async_write(socket, asio::buffer(outgoing.front()),
                      [self = shared_from_this()](beast::error_code ec, std::size_t) {
                        self->writing = false;
                        if (ec) return;
                        self->outgoing.pop_front();
                        self->flush();
                      });
  }

  tcp::socket socket;
  std::array<char, 4096> chunk{};
  std::deque<std::string> outgoing;
  std::string received;
  bool connected = false;
  bool writing = false;
  bool closed = false;
};

RawClient::RawClient(common::EventLoop& loop) : impl_(std::make_shared<Impl>(loop.context())) {}

RawClient::~RawClient() {
  beast::error_code ignored;
  impl_->socket.close(ignored);
}

void RawClient::connect(std::uint16_t port) {
  impl_->socket.async_connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port),
                              [self = impl_](beast::error_code ec) {
                                if (ec) {
                                  self->closed = true;
                                  return;
                                }
                                self->connected = true;
                                self->read();
                                self->flush();
                              });
}

void RawClient::send(std::string bytes) {
  impl_->outgoing.push_back(std::move(bytes));
  impl_->flush();
}

bool RawClient::connected() const {
  return impl_->connected;
}
bool RawClient::closed() const {
  return impl_->closed;
}
const std::string& RawClient::received() const {
  return impl_->received;
}

// ---------------------------------------------------------------------------------------------------

struct WsClient::Impl : std::enable_shared_from_this<Impl> {
  explicit Impl(asio::io_context& context) : ws(context) {}

  void handshake(std::uint16_t port) {
    ws.set_option(
        websocket::stream_base::decorator([options = options](websocket::request_type& request) {
          if (options.subprotocols)
            request.set(beast::http::field::sec_websocket_protocol, *options.subprotocols);
          if (options.authorization)
            request.set(beast::http::field::authorization, *options.authorization);
        }));
    ws.async_handshake(
        response, "127.0.0.1:" + std::to_string(port), options.target,
        [self = shared_from_this()](beast::error_code ec) {
          self->status = static_cast<int>(self->response.result_int());
          if (ec) {
            self->failed = true;
            return;
          }
          self->open = true;
          self->protocol = std::string(self->response[beast::http::field::sec_websocket_protocol]);
          if (self->options.read) self->read();
          self->flush();
        });
  }

  void read() {
    ws.async_read(buffer, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) {
        self->open = false;
        self->closed = true;
        // Set whenever a close frame arrived, also when the teardown after it saw a reset.
        self->code = self->ws.reason().code;
        return;
      }
      self->received.push_back(beast::buffers_to_string(self->buffer.data()));
      self->buffer.clear();
      self->read();
    });
  }

  void flush() {
    if (writing || !open || outgoing.empty()) return;
    writing = true;
    ws.binary(outgoing.front().first);
    ws.async_write(asio::buffer(outgoing.front().second),
                   [self = shared_from_this()](beast::error_code ec, std::size_t) {
                     self->writing = false;
                     if (ec) return;
                     self->outgoing.pop_front();
                     self->flush();
                   });
  }

  websocket::stream<beast::tcp_stream> ws;
  websocket::response_type response;
  beast::flat_buffer buffer;
  WsClientOptions options;
  std::deque<std::pair<bool, std::string>> outgoing;  // binary?, payload
  std::vector<std::string> received;
  std::string protocol;
  int status = 0;
  int code = 0;
  bool open = false;
  bool failed = false;
  bool closed = false;
  bool writing = false;
};

WsClient::WsClient(common::EventLoop& loop) : impl_(std::make_shared<Impl>(loop.context())) {}

WsClient::~WsClient() {
  beast::get_lowest_layer(impl_->ws).close();
}

void WsClient::connect(std::uint16_t port, WsClientOptions options) {
  impl_->options = std::move(options);
  beast::get_lowest_layer(impl_->ws).async_connect(
      tcp::endpoint(asio::ip::make_address("127.0.0.1"), port),
      [self = impl_, port](beast::error_code ec) {
        if (ec) {
          self->failed = true;
          return;
        }
        self->handshake(port);
      });
}

void WsClient::send_text(std::string text) {
  impl_->outgoing.emplace_back(false, std::move(text));
  impl_->flush();
}

void WsClient::send_binary(std::string bytes) {
  impl_->outgoing.emplace_back(true, std::move(bytes));
  impl_->flush();
}

void WsClient::close(std::uint16_t code) {
  impl_->ws.async_close(websocket::close_reason(code), [self = impl_](beast::error_code) {});
}

bool WsClient::open() const {
  return impl_->open;
}
bool WsClient::failed() const {
  return impl_->failed;
}
int WsClient::handshake_status() const {
  return impl_->status;
}
const std::string& WsClient::accepted_protocol() const {
  return impl_->protocol;
}
const std::vector<std::string>& WsClient::received() const {
  return impl_->received;
}
bool WsClient::closed() const {
  return impl_->closed;
}
int WsClient::close_code() const {
  return impl_->code;
}

}  // namespace csms::net::testing
