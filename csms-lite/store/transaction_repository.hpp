#pragma once
// Transactions (OCPP 1.6 §5.16 StartTransaction, §5.17 StopTransaction). The row id is the
// transactionId handed to the charge point: unique across all charge points, never reused.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/sqlite.hpp"

namespace csms::store {

struct TransactionStart {
  std::string charge_point_id;
  int connector_id = 0;
  std::string id_tag;
  std::optional<std::int64_t> reservation_id;
  UnixMs start_ms = 0;
  std::int64_t meter_start_wh = 0;
};

struct TransactionStop {
  std::int64_t transaction_id = 0;
  std::optional<std::string> id_tag;
  UnixMs stop_ms = 0;
  std::int64_t meter_stop_wh = 0;
  std::optional<std::string> reason;
};

struct StoredTransaction {
  std::int64_t id = 0;
  TransactionStart start;
  std::optional<UnixMs> stop_ms;
  std::optional<std::int64_t> meter_stop_wh;
  std::optional<std::string> stop_reason;
  std::optional<std::string> stop_id_tag;
};

struct OrphanStop {
  std::int64_t id = 0;
  std::string charge_point_id;
  TransactionStop stop;
  UnixMs received_ms = 0;
};

enum class StopOutcome {
  Stopped,         // the open transaction is now closed
  AlreadyStopped,  // a repeated StopTransaction (the charge point did not get our answer):
                   // unchanged
  Orphan,          // no such transaction of this charge point: kept in orphan_stops
};

class TransactionRepository {
 public:
  explicit TransactionRepository(Database& db) : db_(db) {}

  // Returns the new transactionId. InvalidState when the ids would leave OCPP's int range.
  Result<std::int64_t> start(const TransactionStart& start);
  // Never refuses a stop: an unknown id (also -1) or one of another charge point becomes an orphan.
  Result<StopOutcome> stop(std::string_view charge_point_id, const TransactionStop& stop,
                           UnixMs received_ms);

  Result<std::optional<StoredTransaction>> find(std::int64_t id);
  // Newest first; `charge_point_id` empty for all; ids below `before_id` when given (paging).
  Result<std::vector<StoredTransaction>> page(std::string_view charge_point_id,
                                              std::optional<std::int64_t> before_id, int limit);
  Result<std::vector<StoredTransaction>> open_for(std::string_view charge_point_id);
  Result<std::vector<OrphanStop>> orphan_stops(std::string_view charge_point_id);

 private:
  Database& db_;
};

}  // namespace csms::store
