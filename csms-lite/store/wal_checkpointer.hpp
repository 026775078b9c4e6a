#pragma once
// WAL checkpoints on a thread of their own, off the event loop.
//
// A checkpoint copies the WAL's pages into the database file and, with synchronous=NORMAL, is the
// only time SQLite calls fdatasync (twice: the WAL, then the file). SQLite's automatic checkpoint
// runs inside the COMMIT that crosses wal_autocheckpoint pages, i.e. on the event loop: measured
// with bench/csms_load.sh, each fdatasync took 5-11 ms on the shared machine's disk, and with
// 1,000 charge points sending MeterValues every second a checkpoint fell due every second or so,
// stalling every charge point's answers by 15-20 ms each time (p99 14-17 ms against < 10 ms).
// SQLite's documented remedy: PASSIVE checkpoints from a second connection on another thread, which
// never block the writer; the writer restarts the WAL from the top once a checkpoint has caught
// up. The writer's own automatic checkpoint stays as a backstop, at a much larger WAL (see .cpp).
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>

#include "store/sqlite.hpp"

namespace csms::store {

struct CheckpointCounts {
  std::int64_t wal_frames = 0;    // frames in the WAL when the checkpoint ran
  std::int64_t checkpointed = 0;  // of those, frames now in the database file
};

class WalCheckpointer {
 public:
  // nullptr for an in-memory database (nothing to checkpoint) or when the second connection cannot
  // be opened (logged; `main` then keeps SQLite's automatic checkpoints). Otherwise raises `main`'s
  // automatic checkpoint to a backstop and starts the thread, which checkpoints `min_interval`
  // after a nudge() (the nudges of that interval share the checkpoint); without nudges it sleeps.
  static std::unique_ptr<WalCheckpointer> start(Database& main,
                                                std::chrono::milliseconds min_interval);
  // Stops and joins the thread, then gives `main` SQLite's default automatic checkpoints back.
  ~WalCheckpointer();
  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;

  // Something was committed: checkpoint soon. Cheap; from the event loop.
  void nudge();
  // One PASSIVE checkpoint on the calling thread (the thread's work; tests call it directly).
  Result<CheckpointCounts> checkpoint_now();

  std::uint64_t checkpoints() const;  // completed, since start

 private:
  WalCheckpointer(Database& main, Database own, std::chrono::milliseconds min_interval);
  void run();

  Database& main_;
  std::mutex db_mutex_;  // own_ is used by the thread and by checkpoint_now() callers
  Database own_;
  const std::chrono::milliseconds min_interval_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool nudged_ = false;
  bool stopping_ = false;
  std::uint64_t checkpoints_ = 0;
  std::thread thread_;  // last: started once everything above exists
};

}  // namespace csms::store
