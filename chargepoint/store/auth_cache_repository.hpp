#pragma once
// The Authorization Cache (OCPP 1.6 §3.5.2): the IdTagInfo the central system last gave for each
// idTag, bounded in size with least-recently-used eviction. Statuses are stored as the wire strings
// ("Accepted", "Blocked", ...); whether an entry still counts (expiry) is the caller's rule.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "store/sqlite.hpp"

namespace chargepoint::store {

struct AuthCacheEntry {
  std::string id_tag;
  std::string status;
  std::optional<std::int64_t> expiry_unix_s;
  std::optional<std::string> parent_id_tag;
  std::int64_t last_used_unix_ms;
};

class AuthCacheRepository {
 public:
  static constexpr std::size_t kDefaultCapacity = 500;
  static constexpr std::size_t kMaxIdTagBytes = 20;  // OCPP 1.6 §7.27: IdToken is CiString20Type

  explicit AuthCacheRepository(Database& db, std::size_t capacity = kDefaultCapacity)
      : db_(db), capacity_(capacity) {}

  std::size_t capacity() const { return capacity_; }

  // Inserts or replaces the entry (idTags compare case-insensitively, as CiString does) and marks
  // it most recently used; then evicts the least recently used entries beyond the capacity, in the
  // same transaction. Returns how many were evicted.
  Result<std::size_t> upsert(const AuthCacheEntry& entry);
  // A pure read: does not count as a use.
  Result<std::optional<AuthCacheEntry>> find(std::string_view id_tag);
  // Marks the entry most recently used (one small write: authorisations are rare). false when
  // absent.
  Result<bool> touch(std::string_view id_tag, std::int64_t now_unix_ms);
  Result<bool> erase(std::string_view id_tag);
  Result<void> clear();  // ClearCache (OCPP 1.6 §5.4)
  Result<std::size_t> size();

 private:
  Database& db_;
  std::size_t capacity_;
};

}  // namespace chargepoint::store
