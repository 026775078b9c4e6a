#include "store/meter_register_repository.hpp"

#include <string>

#include "store/sqlite.hpp"

namespace chargepoint::store {

namespace {

Result<void> check_connector(int connector_id) {
  if (connector_id < 0) {
    return make_error(ErrorKind::InvalidArgument,
                      "connector id must be 0 or more, got " + std::to_string(connector_id));
  }
  return {};
}

}  // namespace

Result<std::optional<MeterRegister>> MeterRegisterRepository::load(int connector_id) {
  if (auto valid = check_connector(connector_id); !valid) return valid.error();
  auto statement = Statement::prepare(
      db_, "SELECT energy_wh, updated_unix_ms FROM meter_registers WHERE connector_id = ?1");
  if (!statement) return statement.error();
  statement->bind(1, std::int64_t{connector_id});
  auto row = statement->step();
  if (!row) return row.error();
  if (!*row) return std::optional<MeterRegister>{};
  return std::optional<MeterRegister>{
      MeterRegister{connector_id, statement->column_int64(0), statement->column_int64(1)}};
}

Result<std::vector<MeterRegister>> MeterRegisterRepository::all() {
  auto statement =
      Statement::prepare(db_,
                         "SELECT connector_id, energy_wh, updated_unix_ms FROM meter_registers "
                         "ORDER BY connector_id");
  if (!statement) return statement.error();
  std::vector<MeterRegister> registers;
  for (;;) {
    auto row = statement->step();
    if (!row) return row.error();
    if (!*row) break;
    registers.push_back(MeterRegister{static_cast<int>(statement->column_int64(0)),
                                      statement->column_int64(1), statement->column_int64(2)});
  }
  return registers;
}

Result<bool> MeterRegisterRepository::save(int connector_id, std::int64_t energy_wh,
                                           std::int64_t at_unix_ms) {
  if (auto valid = check_connector(connector_id); !valid) return valid.error();
  if (energy_wh < 0) {
    return make_error(ErrorKind::InvalidArgument,
                      "register of connector " + std::to_string(connector_id) +
                          " must not be negative, got " + std::to_string(energy_wh) + " Wh");
  }
  auto statement = Statement::prepare(
      db_,
      "INSERT INTO meter_registers (connector_id, energy_wh, updated_unix_ms) VALUES (?1, ?2, ?3) "
      "ON CONFLICT (connector_id) DO UPDATE SET energy_wh = excluded.energy_wh, "
      "updated_unix_ms = excluded.updated_unix_ms WHERE excluded.energy_wh > energy_wh");
  if (!statement) return statement.error();
  statement->bind(1, std::int64_t{connector_id}).bind(2, energy_wh).bind(3, at_unix_ms);
  auto changed = statement->run();
  if (!changed) return changed.error();
  if (*changed > 0) return true;
  auto stored = load(connector_id);
  if (!stored) return stored.error();
  if (*stored && (*stored)->energy_wh > energy_wh) {
    return make_error(ErrorKind::InvalidState,
                      "register of connector " + std::to_string(connector_id) +
                          " would go backwards from " + std::to_string((*stored)->energy_wh) +
                          " Wh to " + std::to_string(energy_wh) + " Wh");
  }
  return false;
}

Result<bool> MeterRegisterRepository::reset(int connector_id) {
  if (auto valid = check_connector(connector_id); !valid) return valid.error();
  auto statement = Statement::prepare(db_, "DELETE FROM meter_registers WHERE connector_id = ?1");
  if (!statement) return statement.error();
  statement->bind(1, std::int64_t{connector_id});
  auto changed = statement->run();
  if (!changed) return changed.error();
  return *changed > 0;
}

}  // namespace chargepoint::store
