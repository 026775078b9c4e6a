#include "auth/crypto.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <array>
#include <charconv>
#include <stdexcept>
#include <vector>

namespace csms::auth {
namespace {

constexpr std::string_view b64_alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr std::size_t salt_bytes = 16;
constexpr std::size_t hash_bytes = 32;

std::string base64url(const unsigned char* data, std::size_t size) {
  std::string out;
  out.reserve((size * 4 + 2) / 3);
  std::uint32_t bits = 0;
  int count = 0;
  for (std::size_t i = 0; i < size; ++i) {
    bits = (bits << 8) | data[i];
    count += 8;
    while (count >= 6) {
      count -= 6;
      out.push_back(b64_alphabet[(bits >> count) & 0x3f]);
    }
  }
  if (count > 0) out.push_back(b64_alphabet[(bits << (6 - count)) & 0x3f]);
  return out;
}

std::optional<std::vector<unsigned char>> from_base64url(std::string_view text) {
  std::vector<unsigned char> out;
  std::uint32_t bits = 0;
  int count = 0;
  for (const char c : text) {
    const auto index = b64_alphabet.find(c);
    if (index == std::string_view::npos) return std::nullopt;
    bits = (bits << 6) | static_cast<std::uint32_t>(index);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out.push_back(static_cast<unsigned char>((bits >> count) & 0xff));
    }
  }
  return out;
}

bool derive(std::string_view password, const std::vector<unsigned char>& salt,
            const KdfParams& params, unsigned char* out, std::size_t out_size) {
  if (params.log2_n < 1 || params.log2_n > 20 || params.r < 1 || params.r > 32 || params.p < 1 ||
      params.p > 16) {
    return false;  // a tampered row must not make us allocate gigabytes
  }
  const std::uint64_t n = std::uint64_t{1} << params.log2_n;
  // OpenSSL's default ceiling is 32 MiB, exactly what N=2^15, r=8 needs; give it headroom.
  const std::uint64_t max_mem = 128 * n * params.r * (params.p + 2) + (1u << 20);
  return EVP_PBE_scrypt(password.data(), password.size(), salt.data(), salt.size(), n, params.r,
                        params.p, max_mem, out, out_size) == 1;
}

std::optional<std::uint64_t> number_after(std::string_view text, std::string_view key) {
  if (!text.starts_with(key)) return std::nullopt;
  text.remove_prefix(key.size());
  std::uint64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  for (;;) {
    const auto at = text.find(separator);
    parts.push_back(text.substr(0, at));
    if (at == std::string_view::npos) return parts;
    text.remove_prefix(at + 1);
  }
}

}  // namespace

std::string random_token(std::size_t bytes) {
  std::vector<unsigned char> buffer(bytes);
  if (RAND_bytes(buffer.data(), static_cast<int>(buffer.size())) != 1) {
    throw std::runtime_error("OpenSSL RAND_bytes failed: no secure random numbers");
  }
  return base64url(buffer.data(), buffer.size());
}

std::string sha256_hex(std::string_view data) {
  std::array<unsigned char, SHA256_DIGEST_LENGTH> digest{};
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest.data());
  static constexpr std::string_view hex = "0123456789abcdef";
  std::string out;
  for (const auto byte : digest) {
    out.push_back(hex[byte >> 4]);
    out.push_back(hex[byte & 0xf]);
  }
  return out;
}

bool constant_time_equals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string hash_password(std::string_view password, const KdfParams& params) {
  std::vector<unsigned char> salt(salt_bytes);
  if (RAND_bytes(salt.data(), static_cast<int>(salt.size())) != 1) {
    throw std::runtime_error("OpenSSL RAND_bytes failed: no secure random numbers");
  }
  std::array<unsigned char, hash_bytes> hash{};
  if (!derive(password, salt, params, hash.data(), hash.size())) {
    throw std::runtime_error("scrypt failed (parameters out of range or out of memory)");
  }
  return "$scrypt$ln=" + std::to_string(params.log2_n) + ",r=" + std::to_string(params.r) +
         ",p=" + std::to_string(params.p) + "$" + base64url(salt.data(), salt.size()) + "$" +
         base64url(hash.data(), hash.size());
}

bool verify_password(std::string_view password, std::string_view encoded) {
  const auto parts = split(encoded, '$');
  // "", "scrypt", "ln=..,r=..,p=..", salt, hash
  if (parts.size() != 5 || !parts[0].empty() || parts[1] != "scrypt") return false;
  const auto costs = split(parts[2], ',');
  if (costs.size() != 3) return false;
  const auto log2_n = number_after(costs[0], "ln=");
  const auto r = number_after(costs[1], "r=");
  const auto p = number_after(costs[2], "p=");
  const auto salt = from_base64url(parts[3]);
  const auto expected = from_base64url(parts[4]);
  if (!log2_n || !r || !p || !salt || !expected || expected->empty() || expected->size() > 64) {
    return false;
  }
  std::vector<unsigned char> actual(expected->size());
  if (!derive(password, *salt, KdfParams{*log2_n, *r, *p}, actual.data(), actual.size())) {
    return false;
  }
  return CRYPTO_memcmp(actual.data(), expected->data(), actual.size()) == 0;
}

}  // namespace csms::auth
