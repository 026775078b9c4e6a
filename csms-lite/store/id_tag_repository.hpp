#pragma once
// The id tags csms-lite authorizes (OCPP 1.6 §5.1 Authorize, §7.15 IdTagInfo).
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/sqlite.hpp"

namespace csms::store {

struct StoredIdTag {
  std::string id_tag;
  std::string status;  // Accepted, Blocked, Expired or Invalid
  std::optional<UnixMs> expiry_ms;
  std::optional<std::string> parent_id_tag;
  UnixMs updated_at_ms = 0;
};

class IdTagRepository {
 public:
  static constexpr std::size_t k_max_id_tag_chars = 20;  // OCPP 1.6 IdToken: CiString20Type

  explicit IdTagRepository(Database& db) : db_(db) {}
  // InvalidArgument for an empty or over-long idTag or parentIdTag, or an unknown status.
  Result<void> put(const StoredIdTag& tag);
  Result<std::optional<StoredIdTag>> find(std::string_view id_tag);
  Result<std::vector<StoredIdTag>> all();
  Result<bool> remove(std::string_view id_tag);

 private:
  Database& db_;
};

}  // namespace csms::store
