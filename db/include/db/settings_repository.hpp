#pragma once
// Small string settings that must survive a restart, in a `settings (key TEXT PRIMARY KEY, value
// TEXT)` table that the program's schema creates. The charge point keeps OCPP configuration keys
// the central system changed (ChangeConfiguration, OCPP 1.6 §5.3) and little persisted states such
// as connector availability ("availability.1" = "Inoperative", §5.2); csms-lite keeps its user
// settings and plans.
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "db/database.hpp"
#include "db/result.hpp"

namespace eo::db {

class SettingsRepository {
 public:
  static constexpr std::size_t kMaxKeyBytes = 255;
  static constexpr std::size_t kMaxValueBytes =
      65536;  // OCPP values are CiString500; csms-lite stores plans as JSON

  explicit SettingsRepository(Database& db) : db_(db) {}

  Result<std::optional<std::string>> get(std::string_view key);
  Result<std::map<std::string, std::string>> all();
  // Stores the value; true when it was written, false when the stored value was already equal (then
  // nothing touches the card).
  Result<bool> put(std::string_view key, std::string_view value);
  // true when the key existed.
  Result<bool> erase(std::string_view key);

 private:
  Database& db_;
};

}  // namespace eo::db
