#include "tls_test_support.hpp"

#include <array>
#include <atomic>
#include <deque>
#include <fstream>
#include <stdexcept>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
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

namespace {

struct BioFree {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
struct KeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct X509Free {
  void operator()(X509* cert) const { X509_free(cert); }
};

void require(bool ok, const char* what) {
  if (!ok) throw std::runtime_error(std::string("test certificate: ") + what);
}

void add_extension(X509* cert, int nid, const std::string& value) {
  X509V3_CTX context;
  X509V3_set_ctx_nodb(&context);
  X509V3_set_ctx(&context, cert, cert, nullptr, nullptr, 0);
  X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value.c_str());
  require(extension != nullptr, "extension");
  X509_add_ext(cert, extension, -1);
  X509_EXTENSION_free(extension);
}

std::string bio_text(BIO* bio) {
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<std::size_t>(size));
}

}  // namespace

TestCertificate make_certificate(const std::vector<std::string>& subject_alt_names) {
  static std::atomic<long> serial{1};
  std::unique_ptr<EVP_PKEY, KeyFree> key(EVP_EC_gen("P-256"));
  require(key != nullptr, "key");
  std::unique_ptr<X509, X509Free> cert(X509_new());
  require(cert != nullptr, "x509");
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), serial++);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 24L * 3600);
  X509_set_pubkey(cert.get(), key.get());
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("csms-lite test"), -1, -1, 0);
  X509_set_issuer_name(cert.get(), name);
  add_extension(cert.get(), NID_basic_constraints, "critical,CA:TRUE");
  add_extension(cert.get(), NID_key_usage, "critical,digitalSignature,keyCertSign");
  std::string alt_names;
  for (const auto& entry : subject_alt_names) alt_names += (alt_names.empty() ? "" : ",") + entry;
  if (!alt_names.empty()) add_extension(cert.get(), NID_subject_alt_name, alt_names);
  require(X509_sign(cert.get(), key.get(), EVP_sha256()) > 0, "sign");

  std::unique_ptr<BIO, BioFree> cert_bio(BIO_new(BIO_s_mem()));
  std::unique_ptr<BIO, BioFree> key_bio(BIO_new(BIO_s_mem()));
  require(PEM_write_bio_X509(cert_bio.get(), cert.get()) == 1, "cert pem");
  require(PEM_write_bio_PrivateKey(key_bio.get(), key.get(), nullptr, nullptr, 0, nullptr,
                                   nullptr) == 1,
          "key pem");
  return {bio_text(cert_bio.get()), bio_text(key_bio.get())};
}

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
