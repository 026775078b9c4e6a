#pragma once
// The few cryptographic pieces authentication needs, all from OpenSSL's libcrypto: random tokens,
// SHA-256 for values that are already high-entropy (session ids, API tokens), and scrypt for
// passwords, which are not.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace csms::auth {

// scrypt cost (RFC 7914). The default takes 32 MiB and ~0.1–0.3 s on a Raspberry Pi 4: slow enough
// to make an offline guess at a stolen hash expensive, cheap enough for a login. Tests use less.
struct KdfParams {
  std::uint64_t log2_n = 15;
  std::uint64_t r = 8;
  std::uint64_t p = 1;
};

// `bytes` random bytes from the OS CSPRNG, base64url without padding. Throws std::runtime_error if
// OpenSSL cannot seed (never expected on Linux).
std::string random_token(std::size_t bytes);
// Lower-case hex SHA-256.
std::string sha256_hex(std::string_view data);
// Compares in time that depends only on the lengths.
bool constant_time_equals(std::string_view a, std::string_view b);

// "$scrypt$ln=15,r=8,p=1$<salt b64>$<hash b64>" with a fresh 16-byte salt: the parameters travel
// with the hash so that raising them later keeps old hashes verifiable.
std::string hash_password(std::string_view password, const KdfParams& params = {});
// false for a wrong password and for anything that is not a hash this module wrote.
bool verify_password(std::string_view password, std::string_view encoded);

}  // namespace csms::auth
