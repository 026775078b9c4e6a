#pragma once
// The batched writes. Meter values, last-seen times, connector statuses and reported events are
// frequent and individually unimportant, so they wait in memory and go to the card in one SQLite
// transaction every `flush_interval` or every `max_rows` rows, whichever comes first, and at
// shutdown. One commit appends each touched page to the WAL once, where a commit per message would
// append the same index pages again and again (the SD card's wear). What is lost on a power cut is
// at most one interval of these; transactions, boots and id tags never wait here (they are written
// at once).
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "common/event_loop.hpp"
#include "store/charge_point_repository.hpp"
#include "store/log_repositories.hpp"
#include "store/meter_repository.hpp"

namespace csms::store {

struct BatchOptions {
  std::chrono::milliseconds flush_interval{std::chrono::seconds(60)};
  std::size_t max_rows = 1000;
  // Rows kept while the database refuses writes (disk full); beyond this the oldest samples go.
  std::size_t max_pending_rows = 20000;
};

class WriteBuffer {
 public:
  WriteBuffer(Database& db, common::TimerFactory& timers, BatchOptions options);
  ~WriteBuffer();
  WriteBuffer(const WriteBuffer&) = delete;
  WriteBuffer& operator=(const WriteBuffer&) = delete;

  void add_samples(std::vector<MeterSample> samples);
  void seen(const std::string& charge_point_id, UnixMs at_ms);
  void connector_status(const std::string& charge_point_id, StoredConnector connector);
  void event(ChargePointEvent event);
  // Drops what is buffered for a charge point that is being removed.
  void forget(const std::string& charge_point_id);

  // Writes everything buffered in one transaction. On failure the rows stay buffered for the next
  // try.
  Result<void> flush();
  // Called after each flush that committed rows (the store's WAL checkpointer wants to know).
  void on_flushed(std::function<void()> hook) { on_flushed_ = std::move(hook); }

  std::size_t pending_rows() const;
  const std::vector<MeterSample>& pending_samples() const { return samples_; }
  std::uint64_t flushes() const { return flushes_; }
  const BatchOptions& options() const { return options_; }

 private:
  void added();
  Result<void> write_all();

  Database& db_;
  BatchOptions options_;
  std::unique_ptr<common::Timer> timer_;
  std::vector<MeterSample> samples_;
  std::map<std::string, UnixMs> seen_;
  std::map<std::pair<std::string, int>, StoredConnector> connectors_;
  std::vector<ChargePointEvent> events_;
  std::function<void()> on_flushed_;
  std::uint64_t flushes_ = 0;
  bool failing_ = false;
};

}  // namespace csms::store
