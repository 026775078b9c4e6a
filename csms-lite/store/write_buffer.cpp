#include "store/write_buffer.hpp"

#include <spdlog/spdlog.h>

namespace csms::store {

WriteBuffer::WriteBuffer(Database& db, common::TimerFactory& timers, BatchOptions options)
    : db_(db), options_(options), timer_(timers.make_timer()) {}

WriteBuffer::~WriteBuffer() {
  if (pending_rows() == 0) return;
  if (auto done = flush(); !done) {
    spdlog::error("store: {} buffered rows lost at shutdown: {}", pending_rows(),
                  done.error().message);
  }
}

std::size_t WriteBuffer::pending_rows() const {
  return samples_.size() + seen_.size() + connectors_.size() + events_.size();
}

void WriteBuffer::add_samples(std::vector<MeterSample> samples) {
  samples_.insert(samples_.end(), std::make_move_iterator(samples.begin()),
                  std::make_move_iterator(samples.end()));
  added();
}

// Coalesced: only the latest time per charge point is written.
void WriteBuffer::seen(const std::string& charge_point_id, UnixMs at_ms) {
  auto& stored = seen_[charge_point_id];
  if (at_ms > stored) stored = at_ms;
  added();
}

// Coalesced per connector: the table keeps the last status only.
void WriteBuffer::connector_status(const std::string& charge_point_id, StoredConnector connector) {
  connectors_[{charge_point_id, connector.connector_id}] = std::move(connector);
  added();
}

void WriteBuffer::event(ChargePointEvent event) {
  events_.push_back(std::move(event));
  added();
}

void WriteBuffer::forget(const std::string& charge_point_id) {
  std::erase_if(samples_, [&](const MeterSample& sample) {
    return sample.charge_point_id == charge_point_id;
  });
  std::erase_if(events_, [&](const ChargePointEvent& event) {
    return event.charge_point_id == charge_point_id;
  });
  seen_.erase(charge_point_id);
  std::erase_if(connectors_,
                [&](const auto& entry) { return entry.first.first == charge_point_id; });
}

void WriteBuffer::added() {
  // After a failed flush only the timer retries: a full disk must not cost a commit attempt per
  // message.
  if (pending_rows() >= options_.max_rows && !failing_) {
    if (auto done = flush(); !done)
      spdlog::error("store: flushing {} rows failed: {}", pending_rows(), done.error().message);
    return;
  }
  // Armed by the first row after a flush, so an idle central system never wakes up for nothing.
  if (!timer_->armed()) {
    timer_->start(options_.flush_interval, [this] {
      if (auto done = flush(); !done) {
        spdlog::error("store: flushing {} rows failed: {}", pending_rows(), done.error().message);
      }
    });
  }
}

Result<void> WriteBuffer::write_all() {
  return with_transaction(db_, [&]() -> Result<void> {
    if (auto done = MeterRepository(db_).insert(samples_); !done) return done;
    ChargePointRepository charge_points(db_);
    for (const auto& [id, at_ms] : seen_) {
      if (auto done = charge_points.update_last_seen(id, at_ms); !done) return done.error();
    }
    ConnectorRepository connectors(db_);
    for (const auto& [key, connector] : connectors_) {
      if (auto done = connectors.put(key.first, connector); !done) return done;
    }
    return EventRepository(db_).append(events_);
  });
}

Result<void> WriteBuffer::flush() {
  timer_->cancel();
  if (pending_rows() == 0) return {};
  auto done = write_all();
  failing_ = !done;
  if (!done) {
    if (samples_.size() > options_.max_pending_rows) {
      const auto dropped = samples_.size() - options_.max_pending_rows;
      samples_.erase(samples_.begin(), samples_.begin() + static_cast<std::ptrdiff_t>(dropped));
      spdlog::error("store: dropped the {} oldest meter samples: the database refuses writes",
                    dropped);
    }
    timer_->start(options_.flush_interval, [this] { (void)flush(); });
    return done;
  }
  ++flushes_;
  samples_.clear();
  seen_.clear();
  connectors_.clear();
  events_.clear();
  if (on_flushed_) on_flushed_();
  return {};
}

}  // namespace csms::store
