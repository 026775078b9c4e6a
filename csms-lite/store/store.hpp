#pragma once
// Every repository of csms-lite over one Database, plus the write buffer.
#include "db/settings_repository.hpp"
#include "store/charge_point_repository.hpp"
#include "store/id_tag_repository.hpp"
#include "store/log_repositories.hpp"
#include "store/meter_repository.hpp"
#include "store/transaction_repository.hpp"
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
        buffer(database, timers, batch) {}

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
  WriteBuffer buffer;
};

}  // namespace csms::store
