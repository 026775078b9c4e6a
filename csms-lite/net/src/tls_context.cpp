#include "tls_context.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <memory>
#include <string_view>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>

namespace csms::net {

namespace {

struct FileClose {
  void operator()(std::FILE* file) const { std::fclose(file); }
};
struct KeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
using File = std::unique_ptr<std::FILE, FileClose>;

[[noreturn]] void fail(std::string_view what, const std::string& path, std::string_view problem) {
  throw TlsSetupError("TLS " + std::string(what) + " '" + path + "': " + std::string(problem));
}

// The newest OpenSSL error, as OpenSSL words it ("no start line", "bad decrypt"); clears the queue.
std::string openssl_reason() {
  unsigned long code = 0;
  unsigned long last = 0;
  while ((code = ERR_get_error()) != 0) last = code;
  if (last == 0) return "unknown OpenSSL error";
  const char* reason = ERR_reason_error_string(last);
  return reason ? reason : "OpenSSL error " + std::to_string(last);
}

File open_readable(std::string_view what, const std::string& path) {
  if (path.empty()) fail(what, path, "no file name given");
  File file(std::fopen(path.c_str(), "rb"));
  if (!file) fail(what, path, std::strerror(errno));
  return file;
}

// Like ssh with its keys: a private key that every local user can read is no secret any more.
void check_key_permissions(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) fail("private key file", path, std::strerror(errno));
  if ((info.st_mode & S_IRWXO) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(info.st_mode & 07777));
    fail("private key file", path,
         std::string("other users can read or change it (mode ") + mode + "); run: chmod 600 '" +
             path + "' (or 640 with the service's group)");
  }
}

// A key with a passphrase would make OpenSSL prompt on the terminal; a service has none.
int no_passphrase(char*, int, int, void*) {
  return -1;
}

std::string time_text(const ASN1_TIME* time) {
  std::tm parts{};
  if (ASN1_TIME_to_tm(time, &parts) != 1) return "?";
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M UTC", &parts);
  return text;
}

std::string describe(X509* certificate) {
  std::string text;
  char name[256];
  X509_NAME_oneline(X509_get_subject_name(certificate), name, sizeof name);
  text += std::string("subject ") + name;
  if (auto* names = static_cast<GENERAL_NAMES*>(
          X509_get_ext_d2i(certificate, NID_subject_alt_name, nullptr, nullptr))) {
    std::string list;
    for (int i = 0; i < sk_GENERAL_NAME_num(names); ++i) {
      const GENERAL_NAME* entry = sk_GENERAL_NAME_value(names, i);
      if (entry->type == GEN_DNS) {
        const auto* dns = entry->d.dNSName;
        list += (list.empty() ? "DNS:" : ", DNS:") +
                std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(dns)),
                            static_cast<std::size_t>(ASN1_STRING_length(dns)));
      } else if (entry->type == GEN_IPADD) {
        const auto* ip = entry->d.iPAddress;
        const auto* bytes = ASN1_STRING_get0_data(ip);
        std::string address;
        if (ASN1_STRING_length(ip) == 4) {
          address = std::to_string(bytes[0]) + "." + std::to_string(bytes[1]) + "." +
                    std::to_string(bytes[2]) + "." + std::to_string(bytes[3]);
        } else {
          address = "(IPv6)";
        }
        list += (list.empty() ? "IP:" : ", IP:") + address;
      }
    }
    GENERAL_NAMES_free(names);
    text += ", subjectAltName " + (list.empty() ? std::string("(none)") : list);
  } else {
    text += ", no subjectAltName (clients that check the host name will refuse it)";
  }
  text += ", valid until " + time_text(X509_get0_notAfter(certificate));
  if (X509_cmp_current_time(X509_get0_notAfter(certificate)) < 0) text += " (EXPIRED)";
  if (X509_cmp_current_time(X509_get0_notBefore(certificate)) > 0) text += " (NOT YET VALID)";
  return text;
}

}  // namespace

TlsServerContext::TlsServerContext(std::unique_ptr<Impl> impl, std::string summary)
    : impl_(std::move(impl)), summary_(std::move(summary)) {}

TlsServerContext::~TlsServerContext() = default;

std::shared_ptr<TlsServerContext> TlsServerContext::load(const std::string& certificate_file,
                                                         const std::string& private_key_file) {
  ERR_clear_error();
  auto impl = std::make_unique<Impl>();
  SSL_CTX* native = impl->context.native_handle();
  // OCPP 1.6 security whitepaper: TLS 1.2 or newer; also keeps out SSLv3-era downgrade attacks.
  if (SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION) != 1) {
    throw TlsSetupError("TLS: cannot require TLS 1.2: " + openssl_reason());
  }
  SSL_CTX_set_options(
      native, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE);

  (void)open_readable("certificate file", certificate_file);
  if (SSL_CTX_use_certificate_chain_file(native, certificate_file.c_str()) != 1) {
    fail("certificate file", certificate_file,
         "not a PEM certificate chain (" + openssl_reason() + ")");
  }

  check_key_permissions(private_key_file);
  const auto key_file = open_readable("private key file", private_key_file);
  std::unique_ptr<EVP_PKEY, KeyFree> key(
      PEM_read_PrivateKey(key_file.get(), nullptr, no_passphrase, nullptr));
  if (!key) {
    fail("private key file", private_key_file,
         "not an unencrypted PEM private key (" + openssl_reason() + ")");
  }
  X509* certificate = SSL_CTX_get0_certificate(native);
  if (X509_check_private_key(certificate, key.get()) != 1) {
    ERR_clear_error();
    fail("private key file", private_key_file,
         "does not belong to the certificate in '" + certificate_file + "'");
  }
  if (SSL_CTX_use_PrivateKey(native, key.get()) != 1) {
    fail("private key file", private_key_file, openssl_reason());
  }
  auto summary = describe(certificate);
  return std::shared_ptr<TlsServerContext>(
      new TlsServerContext(std::move(impl), std::move(summary)));
}

}  // namespace csms::net
