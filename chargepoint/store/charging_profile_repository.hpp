#pragma once
// Installed OCPP charging profiles (SetChargingProfile, RemoteStartTransaction), so that they
// survive a restart (issue #5: "profiles persist across restarts"). One row per chargingProfileId,
// which is unique on the charge point (OCPP 1.6 §3.13.2: a profile with the same id replaces the
// old one). The profile itself is opaque JSON here; the adapter in app/store_ports.cpp converts it.
#include <cstdint>
#include <string>
#include <vector>

#include "store/sqlite.hpp"

namespace chargepoint::store {

struct ChargingProfileRow {
  int profile_id = 0;
  int connector_id = 0;
  std::string profile_json;
  std::int64_t received_unix_ms = 0;
};

class ChargingProfileRepository {
 public:
  explicit ChargingProfileRepository(Database& db) : db_(db) {}

  Result<std::vector<ChargingProfileRow>> all();  // by profile id
  // Inserts, or replaces the row with the same profile id.
  Result<void> put(const ChargingProfileRow& row);
  // true when the profile existed.
  Result<bool> remove(int profile_id);

 private:
  Database& db_;
};

}  // namespace chargepoint::store
