#pragma once
// OcppWorld plus the transaction stack on in-memory ports: for tests of transactions and of the
// features that act on them (availability, reset, unlock).
#include <cstdint>

#include "domain/connector_model.hpp"
#include "features/core/authorization.hpp"
#include "features/core/transaction_outbox.hpp"
#include "features/core/transactions.hpp"
#include "memory_ports.hpp"
#include "ocpp_world.hpp"

namespace test_support {

struct TransactionWorld : OcppWorld {
  MemoryAuthCache cache;
  MemoryJournal journal;
  MemoryOutbox store;
  chargepoint::ConnectorModel model;
  chargepoint::core::Authorizer authorizer{config, cache, clock};
  chargepoint::core::TransactionOutbox outbox{store, config, timers};
  std::int64_t energy_wh = 1000;  // the register the transactions read
  chargepoint::core::Transactions transactions{
      {journal, outbox, authorizer, model}, config, timers, clock, {"EO-PLUG"},
      [this] { return energy_wh; }};
};

}  // namespace test_support
