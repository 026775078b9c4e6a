#pragma once
// The persistence ports (domain/persistence_ports.hpp) on the SQLite repositories (store/). A
// storage error is logged loudly and the daemon carries on with what it has: refusing to charge
// because the SD card is full would be worse than a missing record, and the transaction logic
// refuses to start a transaction it could not record (TransactionJournal::begin returns 0).
#include <memory>

#include "domain/persistence_ports.hpp"
#include "store/auth_cache_repository.hpp"
#include "store/charging_profile_repository.hpp"
#include "store/sqlite.hpp"
#include "store/outbox_repository.hpp"
#include "db/settings_repository.hpp"
#include "store/transaction_repository.hpp"

namespace chargepoint {

class StorePorts {
 public:
  explicit StorePorts(store::Database& database);
  ~StorePorts();

  TransactionJournal& journal();
  Outbox& outbox();
  AuthCache& auth_cache();
  KeyValueStore& values();
  ChargingProfileStore& charging_profiles();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace chargepoint
