#include "store/wal_checkpointer.hpp"

#include <string>
#include <utility>

#include <spdlog/spdlog.h>

#include "store/migrations.hpp"

namespace csms::store {

namespace {

// The writer restarts the WAL from the top only when a checkpoint has copied all of it; under a
// storm of commits (5,000 charge points reconnecting: three commits each) the thread never quite
// catches up, and the WAL grew to 100 MiB in the benchmark. Past this many pages the writer's own
// automatic checkpoint finishes the job on the loop (it finds most pages already copied) and the
// WAL starts over: a bounded WAL for a rare, short stall.
constexpr int k_writer_checkpoint_pages = 8192;

}  // namespace

std::unique_ptr<WalCheckpointer> WalCheckpointer::start(Database& main,
                                                        std::chrono::milliseconds min_interval) {
  if (main.in_memory()) return nullptr;
  auto options = csms_open_options();
  options.integrity_check = false;  // the main connection checked the file a moment ago
  auto own = Database::open(main.path(), options);
  if (!own) {
    spdlog::warn("store: no checkpoint thread ({}); SQLite checkpoints on the event loop",
                 own.error().message);
    return nullptr;
  }
  if (auto done =
          main.exec("PRAGMA wal_autocheckpoint=" + std::to_string(k_writer_checkpoint_pages));
      !done) {
    spdlog::warn("store: no checkpoint thread ({})", done.error().message);
    return nullptr;
  }
  return std::unique_ptr<WalCheckpointer>(new WalCheckpointer(main, std::move(*own), min_interval));
}

WalCheckpointer::WalCheckpointer(Database& main, Database own,
                                 std::chrono::milliseconds min_interval)
    : main_(main), own_(std::move(own)), min_interval_(min_interval), thread_([this] { run(); }) {}

WalCheckpointer::~WalCheckpointer() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
  // 1000 pages is SQLite's default; closing the last connection checkpoints everything anyway.
  (void)main_.exec("PRAGMA wal_autocheckpoint=1000");
}

void WalCheckpointer::nudge() {
  {
    const std::lock_guard lock(mutex_);
    if (nudged_) return;
    nudged_ = true;
  }
  wake_.notify_one();
}

Result<CheckpointCounts> WalCheckpointer::checkpoint_now() {
  const std::lock_guard lock(db_mutex_);
  // Answers one row: busy (1 when it could not run), WAL frames, frames checkpointed.
  auto statement = Statement::prepare(own_, "PRAGMA wal_checkpoint(PASSIVE)");
  if (!statement) return statement.error();
  auto row = statement->step();
  if (!row) return row.error();
  CheckpointCounts counts;
  if (*row) {
    counts.wal_frames = statement->column_int64(1);
    counts.checkpointed = statement->column_int64(2);
  }
  {
    const std::lock_guard count_lock(mutex_);
    ++checkpoints_;
  }
  return counts;
}

std::uint64_t WalCheckpointer::checkpoints() const {
  const std::lock_guard lock(mutex_);
  return checkpoints_;
}

void WalCheckpointer::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return nudged_ || stopping_; });
    // Commits that follow within min_interval join this checkpoint instead of causing their own.
    wake_.wait_for(lock, min_interval_, [this] { return stopping_; });
    if (stopping_) return;
    nudged_ = false;
    lock.unlock();
    if (auto done = checkpoint_now(); !done) {
      spdlog::error("store: WAL checkpoint failed: {}", done.error().message);
    }
    lock.lock();
  }
}

}  // namespace csms::store
