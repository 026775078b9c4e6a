#pragma once
// The base of each connector's energy register, so that the register the charge point reports
// (OCPP Energy.Active.Import.Register, meterStart/meterStop) never goes backwards across restarts,
// even when the board's own counter starts again from zero. The caller decides when to save
// (at transaction stop, at shutdown, every few hours) — never per sample.
//
// A table of its own rather than a string in SettingsRepository: integer Wh checked by the schema,
// and the "never backwards" rule enforced in one atomic statement instead of parse–compare–write.
#include <cstdint>
#include <optional>
#include <vector>

#include "store/sqlite.hpp"

namespace chargepoint::store {

struct MeterRegister {
  int connector_id;  // 0 for the charge point's main meter
  std::int64_t energy_wh;
  std::int64_t updated_unix_ms;
};

class MeterRegisterRepository {
 public:
  explicit MeterRegisterRepository(Database& db) : db_(db) {}

  Result<std::optional<MeterRegister>> load(int connector_id);
  Result<std::vector<MeterRegister>> all();  // by connector id
  // true when written; false when energy_wh equals the stored value (no write). InvalidState when
  // it is lower: the register would run backwards.
  Result<bool> save(int connector_id, std::int64_t energy_wh, std::int64_t at_unix_ms);
  // Forgets the connector's register (a replaced meter); the only way down. true when it existed.
  Result<bool> reset(int connector_id);

 private:
  Database& db_;
};

}  // namespace chargepoint::store
