#pragma once
// Append-only logs: the audit log of every command csms-lite sent, and the events charge points
// reported besides transactions (DataTransfer, diagnostics/firmware status, security events,
// connects and disconnects).
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "store/sqlite.hpp"

namespace csms::store {

struct CommandLogEntry {
  std::int64_t id = 0;
  std::string charge_point_id;
  std::string action;
  std::string requested_by;
  std::string payload_json;
  UnixMs sent_ms = 0;
  std::string outcome;  // "Pending" until finished; then "Accepted"/"Rejected"/... or "Failed"
  std::optional<std::string> result_json;
  std::optional<std::string> error_code;  // NotConnected, Timeout, a CALLERROR code, ...
  std::optional<std::string> error_description;
  std::optional<UnixMs> finished_ms;
};

class CommandLogRepository {
 public:
  explicit CommandLogRepository(Database& db) : db_(db) {}
  // Written when the command is handed over, so a crash mid-call still leaves a trace. Returns its
  // id.
  Result<std::int64_t> begin(const CommandLogEntry& entry);
  Result<bool> finish(std::int64_t id, std::string_view outcome,
                      const std::optional<std::string>& result_json,
                      const std::optional<std::string>& error_code,
                      const std::optional<std::string>& error_description, UnixMs finished_ms);
  // Newest first; `charge_point_id` empty for all; ids below `before_id` when given.
  Result<std::vector<CommandLogEntry>> page(std::string_view charge_point_id,
                                            std::optional<std::int64_t> before_id, int limit);

 private:
  Database& db_;
};

struct ChargePointEvent {
  std::int64_t id = 0;
  std::string charge_point_id;
  std::string
      kind;  // DataTransfer, DiagnosticsStatus, FirmwareStatus, SecurityEvent, Connected, ...
  std::string detail_json;
  UnixMs at_ms = 0;
};

class EventRepository {
 public:
  explicit EventRepository(Database& db) : db_(db) {}
  Result<void> append(std::span<const ChargePointEvent> events);
  Result<std::vector<ChargePointEvent>> page(std::string_view charge_point_id,
                                             std::string_view kind,
                                             std::optional<std::int64_t> before_id, int limit);

 private:
  Database& db_;
};

}  // namespace csms::store
