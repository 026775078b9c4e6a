#pragma once
// Charge point passwords (OCPP 1.6 security whitepaper, profile 1: HTTP Basic auth) are kept only
// as salted PBKDF2-HMAC-SHA256 hashes, so a copied database does not give away the chargers' keys.
#include <string>
#include <string_view>

namespace csms {

// "pbkdf2-sha256$<iterations>$<salt hex>$<hash hex>" with a fresh random salt.
std::string hash_password(std::string_view password);
// false for a wrong password and for a hash string this build cannot read.
bool verify_password(std::string_view password, std::string_view stored_hash);

}  // namespace csms
