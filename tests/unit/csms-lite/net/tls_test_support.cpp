#include "tls_test_support.hpp"

#include <array>
#include <atomic>
#include <deque>
#include <fstream>
#include <stdexcept>

#include <sys/stat.h>
#include <unistd.h>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/write.hpp>

namespace csms::net::testing {

namespace asio = boost::asio;
namespace ssl = boost::asio::ssl;
using tcp = asio::ip::tcp;

TempDir::TempDir() {
  static std::atomic<int> counter{0};
  path_ = std::filesystem::temp_directory_path() /
          ("csms-tls-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::string TempDir::write(const std::string& name, const std::string& text, unsigned mode) const {
  const auto path = path_ / name;
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
  if (::chmod(path.c_str(), static_cast<mode_t>(mode)) != 0) {
    throw std::runtime_error("chmod " + path.string());
  }
  return path.string();
}

struct TlsClient::Impl : std::enable_shared_from_this<Impl> {
  explicit Impl(asio::io_context& io) : context(ssl::context::tls_client), stream(io, context) {}

  void read() {
    stream.async_read_some(asio::buffer(chunk), [self = shared_from_this()](
                                                    boost::system::error_code ec, std::size_t n) {
      if (ec) {
        self->closed = true;
        // Asio reports a close_notify as eof; a bare FIN as stream_truncated.
        self->clean = ec == asio::error::eof;
        return;
      }
      self->received.append(self->chunk.data(), n);
      self->read();
    });
  }

  void flush() {
    if (writing || !handshake_done || outgoing.empty()) return;
    writing = true;
    asio::async_write(stream, asio::buffer(outgoing.front()),
                      [self = shared_from_this()](boost::system::error_code ec, std::size_t) {
                        self->writing = false;
                        if (ec) return;
                        self->outgoing.pop_front();
                        self->flush();
                      });
  }

  void fail(const boost::system::error_code& ec) {
    failed = true;
    error = ec.message();
  }

  ssl::context context;
  ssl::stream<tcp::socket> stream;
  std::array<char, 4096> chunk{};
  std::deque<std::string> outgoing;
  std::string received;
  std::string error;
  bool handshake_done = false;
  bool writing = false;
  bool failed = false;
  bool closed = false;
  bool clean = false;
};

TlsClient::TlsClient(common::EventLoop& loop) : impl_(std::make_shared<Impl>(loop.context())) {}

TlsClient::~TlsClient() {
  boost::system::error_code ignored;
  impl_->stream.lowest_layer().close(ignored);
}

void TlsClient::connect(std::uint16_t port, const std::string& ca_pem,
                        const std::string& host_name) {
  auto& impl = *impl_;
  impl.context.add_certificate_authority(asio::buffer(ca_pem));
  impl.stream.set_verify_mode(ssl::verify_peer);
  impl.stream.set_verify_callback(ssl::host_name_verification(host_name));
  // SNI, as charge points send it; an IP literal is not sent (RFC 6066 §3).
  boost::system::error_code ec;
  asio::ip::make_address(host_name, ec);
  if (ec) SSL_set_tlsext_host_name(impl.stream.native_handle(), host_name.c_str());
  impl.stream.lowest_layer().async_connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port),
                                           [self = impl_](boost::system::error_code connect_ec) {
                                             if (connect_ec) return self->fail(connect_ec);
                                             self->stream.async_handshake(
                                                 ssl::stream_base::client,
                                                 [self](boost::system::error_code handshake_ec) {
                                                   if (handshake_ec)
                                                     return self->fail(handshake_ec);
                                                   self->handshake_done = true;
                                                   self->read();
                                                   self->flush();
                                                 });
                                           });
}

void TlsClient::send(std::string bytes) {
  impl_->outgoing.push_back(std::move(bytes));
  impl_->flush();
}

bool TlsClient::handshake_done() const {
  return impl_->handshake_done;
}
bool TlsClient::failed() const {
  return impl_->failed;
}
const std::string& TlsClient::error() const {
  return impl_->error;
}
bool TlsClient::closed() const {
  return impl_->closed;
}
bool TlsClient::closed_cleanly() const {
  return impl_->closed && impl_->clean;
}
const std::string& TlsClient::received() const {
  return impl_->received;
}

std::string masked_text_frame(const std::string& text) {
  if (text.size() > 125) throw std::invalid_argument("masked_text_frame: short texts only");
  const std::array<unsigned char, 4> mask{0x12, 0x34, 0x56, 0x78};
  std::string frame;
  frame += static_cast<char>(0x81);  // FIN, text
  frame += static_cast<char>(0x80 | text.size());
  for (const auto byte : mask) frame += static_cast<char>(byte);
  for (std::size_t i = 0; i < text.size(); ++i) {
    frame += static_cast<char>(static_cast<unsigned char>(text[i]) ^ mask[i % 4]);
  }
  return frame;
}

std::vector<std::string> server_text_frames(const std::string& bytes) {
  std::vector<std::string> texts;
  std::size_t at = 0;
  while (at + 2 <= bytes.size()) {
    const auto opcode = static_cast<unsigned char>(bytes[at]) & 0x0F;
    std::size_t length = static_cast<unsigned char>(bytes[at + 1]) & 0x7F;
    std::size_t header = 2;
    if (length == 126) {
      if (at + 4 > bytes.size()) break;
      length = (static_cast<std::size_t>(static_cast<unsigned char>(bytes[at + 2])) << 8) |
               static_cast<unsigned char>(bytes[at + 3]);
      header = 4;
    } else if (length == 127) {
      break;  // the tests send nothing that large
    }
    if (at + header + length > bytes.size()) break;
    if (opcode == 1) texts.push_back(bytes.substr(at + header, length));
    at += header + length;
  }
  return texts;
}

}  // namespace csms::net::testing
