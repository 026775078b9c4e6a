#pragma once
// Small string settings that must survive a restart: OCPP configuration keys the central system
// changed (ChangeConfiguration, OCPP 1.6 §5.3) and little persisted states such as connector
// availability ("availability.1" = "Inoperative", §5.2). Values are strings, as on the wire.
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "store/sqlite.hpp"

namespace chargepoint::store {

class SettingsRepository {
 public:
  static constexpr std::size_t kMaxKeyBytes = 255;
  static constexpr std::size_t kMaxValueBytes = 4096;  // OCPP values are CiString500 at most

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

}  // namespace chargepoint::store
