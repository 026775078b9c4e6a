#pragma once
// Throw-away self-signed certificates for the wss tests, made at run time: no keys in the repo.
#include <string>
#include <vector>

namespace chargepoint::net::testing {

struct TestCertificate {
  std::string certificate_pem;
  std::string private_key_pem;
};

// A self-signed P-256 certificate, valid for a day, with these subjectAltName entries
// ("DNS:localhost", "IP:127.0.0.1"). Its own CA: a client trusts exactly it through ca_file.
TestCertificate make_self_signed_certificate(const std::vector<std::string>& subject_alt_names);

// Writes `text` to a fresh file under the temp directory and returns its path.
std::string write_temp_file(const std::string& text, const std::string& name_hint);

}  // namespace chargepoint::net::testing
