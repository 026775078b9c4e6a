#include "store/migrations.hpp"

#include <array>

namespace chargepoint::store {

namespace {

// Version 1: the charge point's state. Times are unix milliseconds from the caller's clock except
// where OCPP counts in seconds (the idTag expiry); energies are integer Wh, as OCPP's meterStart.
constexpr std::string_view kVersion1 = R"sql(
CREATE TABLE settings (
  key   TEXT PRIMARY KEY NOT NULL,
  value TEXT NOT NULL
) WITHOUT ROWID;

-- OCPP 1.6 §2 (CiString20Type): idTags compare case-insensitively, hence NOCASE.
-- use_seq orders the LRU eviction: a counter, because a Pi without an RTC can boot with its clock
-- in the past and wall-clock order would evict the wrong entries.
CREATE TABLE auth_cache (
  id_tag            TEXT PRIMARY KEY NOT NULL COLLATE NOCASE,
  status            TEXT NOT NULL,
  expiry_unix_s     INTEGER,
  parent_id_tag     TEXT,
  last_used_unix_ms INTEGER NOT NULL,
  use_seq           INTEGER NOT NULL
);
CREATE INDEX auth_cache_by_use ON auth_cache (use_seq);

-- AUTOINCREMENT: a local id is never reused, so logs, the UI and queued messages never confuse an
-- old transaction with a new one.
CREATE TABLE transactions (
  local_id           INTEGER PRIMARY KEY AUTOINCREMENT,
  connector_id       INTEGER NOT NULL CHECK (connector_id > 0),
  id_tag             TEXT NOT NULL,
  meter_start_wh     INTEGER NOT NULL CHECK (meter_start_wh >= 0),
  start_unix_ms      INTEGER NOT NULL,
  reservation_id     INTEGER,
  remote_id          INTEGER,
  id_tag_status      TEXT,
  state              TEXT NOT NULL CHECK (state IN ('active', 'stopping', 'stopped')),
  meter_stop_wh      INTEGER,
  stop_unix_ms       INTEGER,
  stop_reason        TEXT,
  stop_id_tag        TEXT,
  last_meter_wh      INTEGER,
  last_meter_unix_ms INTEGER
);
-- A connector charges one car at a time; a stopping one may already have a successor.
CREATE UNIQUE INDEX transactions_one_active_per_connector ON transactions (connector_id)
  WHERE state = 'active';

-- The outbox of transaction-related messages (OCPP 1.6 §4.7): seq is the send order.
CREATE TABLE outbox (
  seq                  INTEGER PRIMARY KEY AUTOINCREMENT,
  action               TEXT NOT NULL,
  payload              TEXT NOT NULL,
  local_tx_id          INTEGER REFERENCES transactions (local_id),
  attempts             INTEGER NOT NULL DEFAULT 0,
  next_attempt_unix_ms INTEGER NOT NULL,
  created_unix_ms      INTEGER NOT NULL
);
CREATE INDEX outbox_by_transaction ON outbox (local_tx_id);

CREATE TABLE meter_registers (
  connector_id    INTEGER PRIMARY KEY CHECK (connector_id >= 0),
  energy_wh       INTEGER NOT NULL CHECK (energy_wh >= 0),
  updated_unix_ms INTEGER NOT NULL
);
)sql";

// Version 2: installed OCPP charging profiles (issue #5). The profile is kept as its OCPP JSON (the
// store knows no OCPP types); received_unix_ms is when it arrived, because an Absolute or Recurring
// schedule without startSchedule starts then and must not restart at every boot.
constexpr std::string_view kVersion2 = R"sql(
CREATE TABLE charging_profiles (
  profile_id       INTEGER PRIMARY KEY NOT NULL,
  connector_id     INTEGER NOT NULL CHECK (connector_id >= 0),
  profile          TEXT NOT NULL,
  received_unix_ms INTEGER NOT NULL
);
)sql";

constexpr std::array kMigrations{
    Migration{1, "settings, auth cache, transactions, outbox, meter registers", kVersion1},
    Migration{2, "charging profiles", kVersion2},
};

}  // namespace

std::span<const Migration> chargepoint_migrations() {
  return kMigrations;
}

OpenOptions chargepoint_open_options() {
  OpenOptions options;
  options.migrations = chargepoint_migrations();
  return options;
}

}  // namespace chargepoint::store
