#pragma once
// In-memory stand-ins for the persistence ports (chargepoint/domain/persistence_ports.hpp), for
// tests of features that must not depend on SQLite. They keep a copy of everything, like a database
// would.
#include <algorithm>
#include <map>
#include <vector>

#include "domain/persistence_ports.hpp"

namespace test_support {

class MemoryOutbox final : public chargepoint::Outbox {
 public:
  std::int64_t push(const std::string& action, const nlohmann::json& payload,
                    std::optional<std::int64_t> local_transaction_id) override {
    entries.push_back({++last_seq_, action, payload, local_transaction_id, 0});
    return last_seq_;
  }
  void push_batch(const std::vector<chargepoint::OutboxEntry>& batch) override {
    ++batches;
    for (const auto& e : batch) push(e.action, e.payload, e.local_transaction_id);
  }
  std::optional<chargepoint::OutboxEntry> front() override {
    if (entries.empty()) return std::nullopt;
    return entries.front();
  }
  void remove(std::int64_t seq) override {
    std::erase_if(entries, [seq](const auto& e) { return e.seq == seq; });
  }
  void record_attempt(std::int64_t seq, int attempts) override {
    for (auto& e : entries) {
      if (e.seq == seq) e.attempts = attempts;
    }
  }
  void patch_transaction_id(std::int64_t local_id, int transaction_id) override {
    for (auto& e : entries) {
      if (e.local_transaction_id == local_id && e.payload.contains("transactionId")) {
        e.payload["transactionId"] = transaction_id;
      }
    }
  }
  std::size_t size() override { return entries.size(); }
  bool contains(std::int64_t local_id, const std::string& action) override {
    return std::any_of(entries.begin(), entries.end(), [&](const auto& e) {
      return e.local_transaction_id == local_id && e.action == action;
    });
  }

  std::vector<chargepoint::OutboxEntry> entries;
  int batches = 0;

 private:
  std::int64_t last_seq_ = 0;
};

class MemoryJournal final : public chargepoint::TransactionJournal {
 public:
  std::int64_t begin(const chargepoint::TransactionRecord& record) override {
    auto copy = record;
    copy.local_id = ++last_id_;
    open[copy.local_id] = copy;
    return copy.local_id;
  }
  void set_transaction_id(std::int64_t local_id, int transaction_id) override {
    if (auto it = open.find(local_id); it != open.end()) it->second.transaction_id = transaction_id;
  }
  void checkpoint(std::int64_t local_id, std::int64_t meter_wh, common::WallTime at) override {
    ++checkpoints;
    if (auto it = open.find(local_id); it != open.end()) {
      it->second.last_meter_wh = meter_wh;
      it->second.last_meter_at = at;
    }
  }
  void finish(std::int64_t local_id, std::int64_t, common::WallTime,
              const std::string& reason) override {
    open.erase(local_id);
    finished_reasons.push_back(reason);
  }
  std::vector<chargepoint::TransactionRecord> unfinished() override {
    std::vector<chargepoint::TransactionRecord> out;
    for (const auto& [id, record] : open) out.push_back(record);
    return out;
  }

  std::map<std::int64_t, chargepoint::TransactionRecord> open;
  std::vector<std::string> finished_reasons;
  int checkpoints = 0;

 private:
  std::int64_t last_id_ = 0;
};

class MemoryAuthCache final : public chargepoint::AuthCache {
 public:
  std::optional<chargepoint::CachedIdTag> find(const std::string& id_tag) override {
    auto it = entries.find(id_tag);
    if (it == entries.end()) return std::nullopt;
    return it->second;
  }
  void put(const std::string& id_tag, const chargepoint::CachedIdTag& entry) override {
    entries[id_tag] = entry;
  }
  void clear() override { entries.clear(); }
  std::map<std::string, chargepoint::CachedIdTag> entries;
};

class MemoryKeyValues final : public chargepoint::KeyValueStore {
 public:
  std::optional<std::string> get(const std::string& key) override {
    auto it = values.find(key);
    if (it == values.end()) return std::nullopt;
    return it->second;
  }
  void put(const std::string& key, const std::string& value) override {
    ++writes;
    values[key] = value;
  }
  std::map<std::string, std::string> values;
  int writes = 0;
};

class MemoryChargingProfiles final : public chargepoint::ChargingProfileStore {
 public:
  std::vector<chargepoint::limits::InstalledProfile> load() override {
    std::vector<chargepoint::limits::InstalledProfile> out;
    for (const auto& [id, installed] : profiles) out.push_back(installed);
    return out;
  }
  void put(const chargepoint::limits::InstalledProfile& installed) override {
    ++writes;
    profiles[installed.profile.chargingProfileId] = installed;
  }
  void remove(int charging_profile_id) override {
    ++writes;
    profiles.erase(charging_profile_id);
  }
  std::map<int, chargepoint::limits::InstalledProfile> profiles;
  int writes = 0;
};

}  // namespace test_support
