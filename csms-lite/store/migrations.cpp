#include "store/migrations.hpp"

#include <array>

#include "auth/auth_schema.hpp"

namespace csms::store {

namespace {

// Version 1: the central system's state. Times are unix milliseconds; energies integer Wh as OCPP's
// meterStart/meterStop; other readings value × 1000 (db/ binds integers only, and a milli-unit is
// finer than any meter reports).
constexpr std::string_view k_version1 = R"sql(
CREATE TABLE settings (
  key   TEXT PRIMARY KEY NOT NULL,
  value TEXT NOT NULL
) WITHOUT ROWID;

-- registration is the BootNotification answer this charge point gets (OCPP 1.6 §4.2).
-- password_hash: "pbkdf2-sha256$<iterations>$<salt hex>$<hash hex>", NULL = no Basic auth.
CREATE TABLE charge_points (
  id                     TEXT PRIMARY KEY NOT NULL,
  password_hash          TEXT,
  registration           TEXT NOT NULL CHECK (registration IN ('Accepted', 'Pending', 'Rejected')),
  boot_json              TEXT,
  booted_at_ms           INTEGER,
  first_seen_ms          INTEGER NOT NULL,
  last_seen_ms           INTEGER,
  last_connected_ms      INTEGER,
  last_disconnected_ms   INTEGER,
  last_disconnect_reason TEXT
) WITHOUT ROWID;

CREATE TABLE connectors (
  charge_point_id   TEXT NOT NULL REFERENCES charge_points (id) ON DELETE CASCADE,
  connector_id      INTEGER NOT NULL CHECK (connector_id >= 0),
  status            TEXT NOT NULL,
  error_code        TEXT NOT NULL,
  info              TEXT,
  vendor_error_code TEXT,
  status_at_ms      INTEGER NOT NULL,
  PRIMARY KEY (charge_point_id, connector_id)
) WITHOUT ROWID;

-- The latest GetConfiguration answer: {"<key>": {"value": "...", "readonly": bool}}.
CREATE TABLE configuration_snapshots (
  charge_point_id TEXT PRIMARY KEY NOT NULL REFERENCES charge_points (id) ON DELETE CASCADE,
  keys_json       TEXT NOT NULL,
  unknown_keys    TEXT NOT NULL,
  read_at_ms      INTEGER NOT NULL
) WITHOUT ROWID;

-- OCPP 1.6 §2 (CiString20Type): idTags compare case-insensitively.
CREATE TABLE id_tags (
  id_tag        TEXT PRIMARY KEY NOT NULL COLLATE NOCASE,
  status        TEXT NOT NULL CHECK (status IN ('Accepted', 'Blocked', 'Expired', 'Invalid')),
  expiry_ms     INTEGER,
  parent_id_tag TEXT,
  updated_at_ms INTEGER NOT NULL
);

-- id is the OCPP transactionId: one sequence for every charge point, never reused (AUTOINCREMENT).
-- No foreign key to charge_points: the history outlives a charge point that is removed.
CREATE TABLE transactions (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  charge_point_id TEXT NOT NULL,
  connector_id    INTEGER NOT NULL,
  id_tag          TEXT NOT NULL,
  reservation_id  INTEGER,
  start_ms        INTEGER NOT NULL,
  meter_start_wh  INTEGER NOT NULL,
  stop_ms         INTEGER,
  meter_stop_wh   INTEGER,
  stop_reason     TEXT,
  stop_id_tag     TEXT
);
CREATE INDEX transactions_by_charge_point ON transactions (charge_point_id, id);

-- StopTransaction for a transactionId we never allocated (-1 from a charge point that started
-- offline and was refused, or a database that was replaced): answered normally, kept here.
CREATE TABLE orphan_stops (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  charge_point_id TEXT NOT NULL,
  transaction_id  INTEGER NOT NULL,
  id_tag          TEXT,
  meter_stop_wh   INTEGER NOT NULL,
  stop_ms         INTEGER NOT NULL,
  reason          TEXT,
  received_ms     INTEGER NOT NULL
);

-- One row per sampled value (resolution_s = 0) or per bucket average (60, 900: count samples).
-- phase is '' when the sample has none, so that it can take part in grouping.
CREATE TABLE meter_samples (
  charge_point_id TEXT NOT NULL,
  connector_id    INTEGER NOT NULL,
  transaction_id  INTEGER,
  measurand       TEXT NOT NULL,
  phase           TEXT NOT NULL,
  unit            TEXT NOT NULL,
  resolution_s    INTEGER NOT NULL CHECK (resolution_s IN (0, 60, 900)),
  at_ms           INTEGER NOT NULL,
  value_milli     INTEGER NOT NULL,
  count           INTEGER NOT NULL CHECK (count > 0)
);
CREATE INDEX meter_samples_series ON meter_samples (charge_point_id, resolution_s, at_ms);

-- Every command sent to a charge point (who, what, and how it ended).
CREATE TABLE command_log (
  id                INTEGER PRIMARY KEY AUTOINCREMENT,
  charge_point_id   TEXT NOT NULL,
  action            TEXT NOT NULL,
  requested_by      TEXT NOT NULL,
  payload_json      TEXT NOT NULL,
  sent_ms           INTEGER NOT NULL,
  outcome           TEXT NOT NULL,
  result_json       TEXT,
  error_code        TEXT,
  error_description TEXT,
  finished_ms       INTEGER
);
CREATE INDEX command_log_by_charge_point ON command_log (charge_point_id, id);

-- What charge points report besides transactions: DataTransfer, diagnostics and firmware status,
-- security events, connects and disconnects.
CREATE TABLE charge_point_events (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  charge_point_id TEXT NOT NULL,
  kind            TEXT NOT NULL,
  detail_json     TEXT NOT NULL,
  at_ms           INTEGER NOT NULL
);
CREATE INDEX charge_point_events_by_charge_point ON charge_point_events (charge_point_id, id);
)sql";

constexpr std::array k_migrations{
    Migration{1, "csms-lite: charge points, transactions, meter values, audit log", k_version1},
    Migration{2, "users, sessions, API tokens", csms::auth::auth_schema_sql},
};

}  // namespace

std::span<const Migration> csms_migrations() {
  return k_migrations;
}

OpenOptions csms_open_options() {
  OpenOptions options;
  options.migrations = csms_migrations();
  return options;
}

}  // namespace csms::store
