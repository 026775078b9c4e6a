#pragma once
// Every repository of csms-lite over one Database, plus the write buffer.
#include <chrono>
#include <memory>

#include "db/settings_repository.hpp"
#include "store/charge_point_repository.hpp"
#include "store/id_tag_repository.hpp"
#include "store/log_repositories.hpp"
#include "store/meter_repository.hpp"
#include "store/transaction_repository.hpp"
#include "store/wal_checkpointer.hpp"
#include "store/write_buffer.hpp"

namespace csms::store {

struct Store {
  Store(Database& database, common::TimerFactory& timers, BatchOptions batch)
      : db(database),
        charge_points(database),
        connectors(database),
        configurations(database),
        id_tags(database),
        transactions(database),
        meters(database),
        commands(database),
        events(database),
        settings(database),
        checkpointer(WalCheckpointer::start(database, k_checkpoint_interval)),
        buffer(database, timers, batch) {
    if (checkpointer) buffer.on_flushed([this] { checkpointer->nudge(); });
  }
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // At most one checkpoint a second: under load each copies many commits' pages at once (a page
  // changed by several of them is written back once).
  static constexpr std::chrono::milliseconds k_checkpoint_interval{1000};

  Database& db;
  ChargePointRepository charge_points;
  ConnectorRepository connectors;
  ConfigurationRepository configurations;
  IdTagRepository id_tags;
  TransactionRepository transactions;
  MeterRepository meters;
  CommandLogRepository commands;
  EventRepository events;
  SettingsRepository settings;
  std::unique_ptr<WalCheckpointer> checkpointer;  // null for :memory:; outlives `buffer`
  WriteBuffer buffer;
};

}  // namespace csms::store
