#include "app/store_ports.hpp"

#include <spdlog/spdlog.h>

namespace chargepoint {

namespace {

std::int64_t unix_ms(common::WallTime time) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count();
}
common::WallTime from_unix_ms(std::int64_t ms) {
  return common::WallTime(std::chrono::milliseconds(ms));
}

template <class R>
bool report(const R& result, std::string_view what) {
  if (result.ok()) return true;
  spdlog::error("storage: {} failed: {} ({})", what, result.error().message,
                store::to_string(result.error().kind));
  return false;
}

class SqliteJournal final : public TransactionJournal {
 public:
  explicit SqliteJournal(store::Database& db) : repo_(db) {}

  std::int64_t begin(const TransactionRecord& record) override {
    store::TransactionStart start{record.connector_id, record.id_tag, record.meter_start_wh,
                                  unix_ms(record.started_at), std::nullopt};
    if (record.reservation_id) start.reservation_id = *record.reservation_id;
    auto id = repo_.begin(start);
    return report(id, "recording a new transaction") ? id.value() : 0;
  }
  void set_transaction_id(std::int64_t local_id, int transaction_id) override {
    (void)report(repo_.set_remote_id(local_id, transaction_id, "Accepted"),
                 "storing the transactionId");
  }
  void checkpoint(std::int64_t local_id, std::int64_t meter_wh, common::WallTime at) override {
    (void)report(repo_.checkpoint_meter(local_id, meter_wh, unix_ms(at)),
                 "checkpointing the meter");
  }
  void finish(std::int64_t local_id, std::int64_t meter_stop_wh, common::WallTime at,
              const std::string& reason) override {
    auto found = repo_.find(local_id);
    if (!report(found, "reading a transaction") || !found.value()) return;
    if (found.value()->state == store::TransactionState::Active) {
      if (!report(repo_.mark_stopping(local_id, {meter_stop_wh, unix_ms(at), reason, std::nullopt}),
                  "closing a transaction")) {
        return;
      }
    }
    (void)report(repo_.mark_stopped(local_id), "closing a transaction");
  }
  std::vector<TransactionRecord> unfinished() override {
    std::vector<TransactionRecord> out;
    auto rows = repo_.find_active();
    if (!report(rows, "reading open transactions")) return out;
    for (const auto& row : rows.value()) {
      TransactionRecord r;
      r.local_id = row.local_id;
      r.connector_id = row.connector_id;
      r.id_tag = row.id_tag;
      r.meter_start_wh = row.meter_start_wh;
      r.started_at = from_unix_ms(row.start_unix_ms);
      if (row.reservation_id) r.reservation_id = static_cast<int>(*row.reservation_id);
      if (row.remote_id) r.transaction_id = static_cast<int>(*row.remote_id);
      r.last_meter_wh = row.last_meter_wh.value_or(row.meter_start_wh);
      r.last_meter_at = from_unix_ms(row.last_meter_unix_ms.value_or(row.start_unix_ms));
      out.push_back(std::move(r));
    }
    return out;
  }

 private:
  store::TransactionRepository repo_;
};

class SqliteOutbox final : public Outbox {
 public:
  explicit SqliteOutbox(store::Database& db) : repo_(db) {}

  std::int64_t push(const std::string& action, const nlohmann::json& payload,
                    std::optional<std::int64_t> local_transaction_id) override {
    auto seq = repo_.push({action, payload.dump(), local_transaction_id, now_ms()});
    return report(seq, "queueing " + action) ? seq.value() : 0;
  }
  void push_batch(const std::vector<OutboxEntry>& entries) override {
    std::vector<store::NewOutboxMessage> batch;
    batch.reserve(entries.size());
    for (const auto& e : entries)
      batch.push_back({e.action, e.payload.dump(), e.local_transaction_id, now_ms()});
    (void)report(repo_.push_many(batch), "queueing meter values");
  }
  std::optional<OutboxEntry> front() override {
    auto row = repo_.front();
    if (!report(row, "reading the outbox") || !row.value()) return std::nullopt;
    const auto& m = *row.value();
    auto payload = nlohmann::json::parse(m.payload_json, nullptr, false);
    if (payload.is_discarded()) {
      // Only we write these rows; a broken one would block the queue forever.
      spdlog::error("storage: outbox message #{} is not valid JSON; dropping it", m.seq);
      (void)repo_.remove(m.seq);
      return front();
    }
    return OutboxEntry{m.seq, m.action, std::move(payload), m.local_transaction_id, m.attempts};
  }
  void remove(std::int64_t seq) override {
    (void)report(repo_.remove(seq), "removing a delivered message");
  }
  void record_attempt(std::int64_t seq, int attempts) override {
    (void)report(repo_.record_attempt(seq, attempts, now_ms()), "recording a delivery attempt");
  }
  void patch_transaction_id(std::int64_t local_transaction_id, int transaction_id) override {
    (void)report(repo_.patch_transaction_id(local_transaction_id, transaction_id),
                 "patching the transactionId");
  }
  std::size_t size() override {
    auto n = repo_.size();
    return report(n, "counting the outbox") ? n.value() : 0;
  }
  bool contains(std::int64_t local_transaction_id, const std::string& action) override {
    auto rows = repo_.payloads_for(local_transaction_id);
    if (!report(rows, "reading the outbox")) return false;
    for (const auto& m : rows.value()) {
      if (m.action == action) return true;
    }
    return false;
  }

 private:
  static std::int64_t now_ms() { return unix_ms(std::chrono::system_clock::now()); }
  store::OutboxRepository repo_;
};

class SqliteAuthCache final : public AuthCache {
 public:
  explicit SqliteAuthCache(store::Database& db) : repo_(db) {}
  std::optional<CachedIdTag> find(const std::string& id_tag) override {
    auto row = repo_.find(id_tag);
    if (!report(row, "reading the authorization cache") || !row.value()) return std::nullopt;
    const auto& e = *row.value();
    CachedIdTag out{e.status, std::nullopt, e.parent_id_tag};
    if (e.expiry_unix_s) out.expiry = common::WallTime(std::chrono::seconds(*e.expiry_unix_s));
    return out;
  }
  void put(const std::string& id_tag, const CachedIdTag& entry) override {
    store::AuthCacheEntry e{id_tag, entry.status, std::nullopt, entry.parent_id_tag,
                            unix_ms(std::chrono::system_clock::now())};
    if (entry.expiry) {
      e.expiry_unix_s =
          std::chrono::duration_cast<std::chrono::seconds>(entry.expiry->time_since_epoch())
              .count();
    }
    (void)report(repo_.upsert(e), "updating the authorization cache");
  }
  void clear() override { (void)report(repo_.clear(), "clearing the authorization cache"); }

 private:
  store::AuthCacheRepository repo_;
};

class SqliteValues final : public KeyValueStore {
 public:
  explicit SqliteValues(store::Database& db) : repo_(db) {}
  std::optional<std::string> get(const std::string& key) override {
    auto value = repo_.get(key);
    return report(value, "reading setting " + key) ? value.value() : std::nullopt;
  }
  void put(const std::string& key, const std::string& value) override {
    (void)report(repo_.put(key, value), "storing setting " + key);
  }

 private:
  store::SettingsRepository repo_;
};

class SqliteChargingProfiles final : public ChargingProfileStore {
 public:
  explicit SqliteChargingProfiles(store::Database& db) : repo_(db) {}
  std::vector<limits::InstalledProfile> load() override {
    std::vector<limits::InstalledProfile> out;
    auto rows = repo_.all();
    if (!report(rows, "reading the charging profiles")) return out;
    for (const auto& row : rows.value()) {
      // Only we write these rows, but a build with a different ChargingProfile type may have: a
      // profile that no longer decodes is dropped rather than blocking the start.
      try {
        out.push_back(
            {row.connector_id,
             nlohmann::json::parse(row.profile_json).get<ocpp::messages::ChargingProfile>(),
             from_unix_ms(row.received_unix_ms)});
      } catch (const nlohmann::json::exception& e) {
        spdlog::error("storage: charging profile {} cannot be read ({}); dropping it",
                      row.profile_id, e.what());
        (void)repo_.remove(row.profile_id);
      }
    }
    return out;
  }
  void put(const limits::InstalledProfile& installed) override {
    const store::ChargingProfileRow row{installed.profile.chargingProfileId, installed.connector_id,
                                        nlohmann::json(installed.profile).dump(),
                                        unix_ms(installed.received_at)};
    (void)report(repo_.put(row), "storing a charging profile");
  }
  void remove(int charging_profile_id) override {
    (void)report(repo_.remove(charging_profile_id), "removing a charging profile");
  }

 private:
  store::ChargingProfileRepository repo_;
};

}  // namespace

struct StorePorts::Impl {
  explicit Impl(store::Database& db)
      : journal(db), outbox(db), auth_cache(db), values(db), charging_profiles(db) {}
  SqliteJournal journal;
  SqliteOutbox outbox;
  SqliteAuthCache auth_cache;
  SqliteValues values;
  SqliteChargingProfiles charging_profiles;
};

StorePorts::StorePorts(store::Database& database) : impl_(std::make_unique<Impl>(database)) {}
StorePorts::~StorePorts() = default;
TransactionJournal& StorePorts::journal() {
  return impl_->journal;
}
Outbox& StorePorts::outbox() {
  return impl_->outbox;
}
AuthCache& StorePorts::auth_cache() {
  return impl_->auth_cache;
}
KeyValueStore& StorePorts::values() {
  return impl_->values;
}
ChargingProfileStore& StorePorts::charging_profiles() {
  return impl_->charging_profiles;
}

}  // namespace chargepoint
