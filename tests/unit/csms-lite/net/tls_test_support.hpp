#pragma once
// TLS tools for the listener tests: throw-away certificates made at run time (no keys in the
// repository) and a TLS client on the test's event loop. Asio's SSL code stays in
// tls_test_support.cpp.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "common/event_loop.hpp"
#include "test_certificate.hpp"

namespace csms::net::testing {

using test_support::TestCertificate;

// test_support's self-signed certificate, named "csms-lite test".
inline TestCertificate make_certificate(const std::vector<std::string>& subject_alt_names) {
  return test_support::make_self_signed_certificate(subject_alt_names, "csms-lite test");
}

// A folder that is removed with everything in it at the end of the test.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  // Writes `text` to `name` in the folder with these permission bits; returns the path.
  std::string write(const std::string& name, const std::string& text, unsigned mode = 0600) const;

 private:
  std::filesystem::path path_;
};

// One TLS connection to 127.0.0.1:port that verifies the server against `ca_pem` and `host_name`
// (DNS name or IP literal, as a charge point would), then writes what it is given and collects
// what comes back until the server ends the connection.
class TlsClient {
 public:
  explicit TlsClient(common::EventLoop& loop);
  ~TlsClient();
  void connect(std::uint16_t port, const std::string& ca_pem,
               const std::string& host_name = "127.0.0.1");
  void send(std::string bytes);

  bool handshake_done() const;
  bool failed() const;                  // connect or handshake failed
  const std::string& error() const;     // why, as OpenSSL or Asio words it
  bool closed() const;                  // the server ended the connection after a handshake
  bool closed_cleanly() const;          // ... with close_notify (not just a TCP FIN)
  const std::string& received() const;  // decrypted bytes

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

// RFC 6455 §5.2: one masked, unfragmented text frame, as a client must send it.
std::string masked_text_frame(const std::string& text);
// The payloads of the complete unmasked text frames (opcode 1) in `bytes` from the server.
std::vector<std::string> server_text_frames(const std::string& bytes);

}  // namespace csms::net::testing
