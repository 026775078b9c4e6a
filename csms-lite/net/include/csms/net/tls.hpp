#pragma once
// The server side of wss:// and https:// (OCPP security profile 2): a certificate chain and its
// private key, loaded once at start-up. No OpenSSL or Asio here; the TLS translation units reach
// the context through detail::native_context().
#include <memory>
#include <stdexcept>
#include <string>

namespace csms::net {

// A start-up error about the TLS files; the message names the file and says what is wrong.
class TlsSetupError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class TlsServerContext {
 public:
  // TLS 1.2 or later only (OCPP 1.6 security whitepaper, security profile 2). `certificate_file`:
  // PEM, the server certificate first, then any intermediate CA certificates. `private_key_file`:
  // PEM, unencrypted (the service starts unattended). Throws TlsSetupError naming the file when a
  // file is missing or unreadable, the key file can be read by other users, a file holds no PEM
  // of the expected kind, or the key does not belong to the certificate.
  static std::shared_ptr<TlsServerContext> load(const std::string& certificate_file,
                                                const std::string& private_key_file);
  ~TlsServerContext();
  TlsServerContext(const TlsServerContext&) = delete;
  TlsServerContext& operator=(const TlsServerContext&) = delete;

  // One line for the start-up log: subject, subjectAltNames and expiry of the server certificate.
  const std::string& summary() const { return summary_; }

  struct Impl;
  Impl& impl() const { return *impl_; }

 private:
  TlsServerContext(std::unique_ptr<Impl> impl, std::string summary);
  std::unique_ptr<Impl> impl_;
  std::string summary_;
};

}  // namespace csms::net
