#pragma once
// The persisted state machine of charging transactions (OCPP 1.6 §4.8, §4.10):
//
//   begin ──> active ──mark_stopping──> stopping ──mark_stopped──> stopped
//
// Each transition is written before the message that reports it is queued, so after a power cut the
// daemon finds every transaction that had not been confirmed stopped (find_active) and can close
// the active ones with reason PowerLoss at their last meter checkpoint.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/sqlite.hpp"

namespace chargepoint::store {

enum class TransactionState { Active, Stopping, Stopped };

std::string_view to_string(TransactionState state);  // "active", "stopping", "stopped"
std::optional<TransactionState> parse_transaction_state(std::string_view text);

struct TransactionStart {
  int connector_id;  // 1..N, as in StartTransaction.req
  std::string id_tag;
  std::int64_t meter_start_wh;  // OCPP meterStart is integer Wh
  std::int64_t start_unix_ms;
  std::optional<std::int64_t> reservation_id;
};

struct TransactionStop {
  std::int64_t meter_stop_wh;
  std::int64_t stop_unix_ms;
  std::string reason;                 // the StopTransaction Reason, e.g. "Local", "PowerLoss"
  std::optional<std::string> id_tag;  // who stopped it, when someone did
};

struct TransactionRecord {
  std::int64_t local_id;  // ours, never reused
  int connector_id;
  std::string id_tag;
  std::int64_t meter_start_wh;
  std::int64_t start_unix_ms;
  std::optional<std::int64_t> reservation_id;
  std::optional<std::int64_t> remote_id;     // transactionId from StartTransaction.conf
  std::optional<std::string> id_tag_status;  // its idTagInfo.status
  TransactionState state;
  std::optional<std::int64_t> meter_stop_wh;
  std::optional<std::int64_t> stop_unix_ms;
  std::optional<std::string> stop_reason;
  std::optional<std::string> stop_id_tag;
  std::optional<std::int64_t> last_meter_wh;  // the latest checkpoint
  std::optional<std::int64_t> last_meter_unix_ms;
};

class TransactionRepository {
 public:
  explicit TransactionRepository(Database& db) : db_(db) {}

  // A new active transaction; its local id. Constraint when the connector already has one.
  Result<std::int64_t> begin(const TransactionStart& start);
  // StartTransaction.conf arrived. NotFound for an unknown local id.
  Result<void> set_remote_id(std::int64_t local_id, std::int64_t remote_id,
                             std::string_view id_tag_status);
  // The meter reading to close the transaction with if power is lost. The caller decides how often
  // (every few minutes, never per sample); each call is one write. Active or stopping only.
  Result<void> checkpoint_meter(std::int64_t local_id, std::int64_t energy_wh,
                                std::int64_t at_unix_ms);
  // active -> stopping, with what StopTransaction.req will report. InvalidState from other states.
  Result<void> mark_stopping(std::int64_t local_id, const TransactionStop& stop);
  // stopping -> stopped: the central system confirmed the stop. InvalidState from other states.
  Result<void> mark_stopped(std::int64_t local_id);

  // Every transaction not yet stopped, oldest first.
  Result<std::vector<TransactionRecord>> find_active();
  Result<std::optional<TransactionRecord>> find(std::int64_t local_id);
  // The newest `limit` transactions in any state, newest first (for UIs).
  Result<std::vector<TransactionRecord>> recent(std::size_t limit);
  // Deletes stopped transactions beyond the newest `keep_stopped` ones, except those the outbox
  // still refers to. Returns how many were deleted.
  Result<std::size_t> prune(std::size_t keep_stopped);

 private:
  // An UPDATE guarded by the allowed states changed `changed` rows; when none, says why.
  Result<void> require_changed(std::int64_t changed, std::int64_t local_id,
                               std::string_view operation, std::string_view allowed_states);
  Result<std::vector<TransactionRecord>> query(std::string_view sql_tail, std::int64_t parameter);
  Database& db_;
};

}  // namespace chargepoint::store
