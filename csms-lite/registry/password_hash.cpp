#include "registry/password_hash.hpp"

#include <array>
#include <charconv>
#include <stdexcept>
#include <vector>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

namespace csms {

namespace {

// A Pi 3 computes this in a few milliseconds: once per connection attempt, not per message.
constexpr int k_iterations = 10000;
constexpr std::size_t k_hash_bytes = 32;
constexpr std::string_view k_scheme = "pbkdf2-sha256";

std::string to_hex(const std::vector<unsigned char>& bytes) {
  constexpr std::string_view digits = "0123456789abcdef";
  std::string text;
  for (const auto byte : bytes) {
    text += digits[byte >> 4U];
    text += digits[byte & 0x0FU];
  }
  return text;
}

bool from_hex(std::string_view text, std::vector<unsigned char>& bytes) {
  if (text.size() % 2 != 0) return false;
  bytes.clear();
  for (std::size_t i = 0; i < text.size(); i += 2) {
    unsigned value = 0;
    const auto [end, error] = std::from_chars(text.data() + i, text.data() + i + 2, value, 16);
    if (error != std::errc{} || end != text.data() + i + 2) return false;
    bytes.push_back(static_cast<unsigned char>(value));
  }
  return true;
}

std::vector<unsigned char> derive(std::string_view password, const std::vector<unsigned char>& salt,
                                  int iterations) {
  std::vector<unsigned char> out(k_hash_bytes);
  if (PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()), salt.data(),
                        static_cast<int>(salt.size()), iterations, EVP_sha256(),
                        static_cast<int>(out.size()), out.data()) != 1) {
    throw std::runtime_error("PBKDF2 failed");
  }
  return out;
}

}  // namespace

std::string hash_password(std::string_view password) {
  std::vector<unsigned char> salt(16);
  if (RAND_bytes(salt.data(), static_cast<int>(salt.size())) != 1)
    throw std::runtime_error("no random bytes for a salt");
  return std::string(k_scheme) + "$" + std::to_string(k_iterations) + "$" + to_hex(salt) + "$" +
         to_hex(derive(password, salt, k_iterations));
}

bool verify_password(std::string_view password, std::string_view stored_hash) {
  std::array<std::string_view, 4> parts;
  for (auto& part : parts) {
    const auto dollar = stored_hash.find('$');
    part = stored_hash.substr(0, dollar);
    stored_hash =
        dollar == std::string_view::npos ? std::string_view{} : stored_hash.substr(dollar + 1);
  }
  if (parts[0] != k_scheme || !stored_hash.empty()) return false;
  int iterations = 0;
  const auto [end, error] =
      std::from_chars(parts[1].data(), parts[1].data() + parts[1].size(), iterations);
  if (error != std::errc{} || end != parts[1].data() + parts[1].size() || iterations < 1 ||
      iterations > 10000000) {
    return false;
  }
  std::vector<unsigned char> salt;
  std::vector<unsigned char> expected;
  if (!from_hex(parts[2], salt) || !from_hex(parts[3], expected) || expected.size() != k_hash_bytes)
    return false;
  const auto actual = derive(password, salt, iterations);
  // Constant time: response times do not tell how much of the hash matched.
  return CRYPTO_memcmp(actual.data(), expected.data(), k_hash_bytes) == 0;
}

}  // namespace csms
