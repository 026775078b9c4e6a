#pragma once
// Throw-away self-signed certificates for the wss tests, made at run time: no keys in the repo.
#include <string>
#include <vector>

#include "test_certificate.hpp"

namespace chargepoint::net::testing {

using test_support::make_self_signed_certificate;
using test_support::TestCertificate;

// Writes `text` to a fresh file under the temp directory and returns its path.
std::string write_temp_file(const std::string& text, const std::string& name_hint);

}  // namespace chargepoint::net::testing
