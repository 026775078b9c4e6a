#pragma once
// What the domain and features need to persist, as interfaces: the SQLite repositories (store/)
// implement them in the daemon, in-memory fakes in the tests. Nothing here knows SQLite.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/clock.hpp"
#include "domain/limits/profile_schedule.hpp"

namespace chargepoint {

// One transaction as persisted: written at every step before the message that reports it is queued,
// so that a power cut never leaves a transaction the central system cannot close.
struct TransactionRecord {
  std::int64_t local_id =
      0;  // ours; the central system's id arrives later (or never, when offline)
  int connector_id = 1;
  std::string id_tag;
  std::int64_t meter_start_wh = 0;
  common::WallTime started_at;
  std::optional<int> reservation_id;
  std::optional<int> transaction_id;  // from StartTransaction.conf
  std::int64_t last_meter_wh = 0;     // checkpoint, written rarely (SD card)
  common::WallTime last_meter_at;
};

class TransactionJournal {
 public:
  virtual ~TransactionJournal() = default;
  // Returns the new local id (> 0), or 0 when it could not be written.
  virtual std::int64_t begin(const TransactionRecord& record) = 0;
  virtual void set_transaction_id(std::int64_t local_id, int transaction_id) = 0;
  virtual void checkpoint(std::int64_t local_id, std::int64_t meter_wh, common::WallTime at) = 0;
  virtual void finish(std::int64_t local_id, std::int64_t meter_stop_wh, common::WallTime at,
                      const std::string& reason) = 0;
  // Transactions begun and never finished: after a power cut, closed with reason PowerLoss.
  virtual std::vector<TransactionRecord> unfinished() = 0;
};

struct OutboxEntry {
  std::int64_t seq = 0;  // defines the order of delivery
  std::string action;
  nlohmann::json payload;
  std::optional<std::int64_t> local_transaction_id;
  int attempts = 0;
};

// The persistent, ordered queue of transaction-related messages (OCPP 1.6 §4.10: StartTransaction,
// StopTransaction and transaction MeterValues must reach the central system, in order).
class Outbox {
 public:
  virtual ~Outbox() = default;
  virtual std::int64_t push(const std::string& action, const nlohmann::json& payload,
                            std::optional<std::int64_t> local_transaction_id) = 0;
  // Several messages in one write (one commit: the SD card pays per commit, not per message).
  virtual void push_batch(const std::vector<OutboxEntry>& entries) = 0;
  virtual std::optional<OutboxEntry> front() = 0;
  virtual void remove(std::int64_t seq) = 0;
  virtual void record_attempt(std::int64_t seq, int attempts) = 0;
  // Writes the central system's transactionId into every queued message of that local transaction.
  virtual void patch_transaction_id(std::int64_t local_transaction_id, int transaction_id) = 0;
  virtual std::size_t size() = 0;
  // Whether a message of this action for this local transaction is still queued (recovery after a
  // power cut must not queue a second StopTransaction).
  virtual bool contains(std::int64_t local_transaction_id, const std::string& action) = 0;
};

// The authorization cache (OCPP 1.6 §3.5.1): idTags and what the central system last said of them.
struct CachedIdTag {
  std::string status;  // AuthorizationStatus as on the wire
  std::optional<common::WallTime> expiry;
  std::optional<std::string> parent_id_tag;
};

class AuthCache {
 public:
  virtual ~AuthCache() = default;
  virtual std::optional<CachedIdTag> find(const std::string& id_tag) = 0;
  virtual void put(const std::string& id_tag, const CachedIdTag& entry) = 0;
  virtual void clear() = 0;
};

// Small persisted values (availability, the energy register base).
class KeyValueStore {
 public:
  virtual ~KeyValueStore() = default;
  virtual std::optional<std::string> get(const std::string& key) = 0;
  virtual void put(const std::string& key, const std::string& value) = 0;
};

// Installed charging profiles (issue #5: they survive restarts, received_at included). One entry
// per chargingProfileId; the governor decides what replaces what and calls remove() for the others.
class ChargingProfileStore {
 public:
  virtual ~ChargingProfileStore() = default;
  virtual std::vector<limits::InstalledProfile> load() = 0;
  // Inserts, or replaces the profile with the same chargingProfileId.
  virtual void put(const limits::InstalledProfile& installed) = 0;
  virtual void remove(int charging_profile_id) = 0;
};

}  // namespace chargepoint
