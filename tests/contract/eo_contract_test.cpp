// The hardware contract run against EoBoard, the real driver, talking over a real pty (the tty
// transport, as on the Hub) to the board model that eo-board-sim serves.
//
// The one setting that differs from the product, as charger_contract.hpp's EXCEPTIONS list says:
// the resume delay (min_pause_before_resume) is 2 s, not 30 s.
//
// Determinism: the driver's timers are ManualTimers; advance() steps them deadline by deadline and
// after each step pumps the pty until every byte the driver wrote has been answered by the model
// and every byte of the answers has reached the driver. Those are the only waits, and they are
// bounded.
#include <chrono>

#include <boost/asio/io_context.hpp>

#include "charger_contract.hpp"
#include "common/clock.hpp"
#include "common/event_loop.hpp"
#include "common/manual_timers.hpp"
#include "hal/eo/board_model.hpp"
#include "hal/eo/eo_board.hpp"
#include "hal/eo/pty.hpp"
#include "hal/eo/tty_transport.hpp"

namespace {

using namespace std::chrono_literals;

// Counts the bytes crossing the driver's transport, so the pump knows when the pty is quiet.
class CountingTransport final : public hal::eo::Transport {
 public:
  explicit CountingTransport(std::unique_ptr<hal::eo::Transport> inner)
      : inner_(std::move(inner)) {}
  std::error_code open(hal::eo::TransportCallbacks callbacks) override {
    auto on_bytes = std::move(callbacks.on_bytes);
    callbacks.on_bytes = [this, on_bytes = std::move(on_bytes)](std::string_view bytes) {
      received += bytes.size();
      if (on_bytes) on_bytes(bytes);
    };
    return inner_->open(std::move(callbacks));
  }
  void close() override {
    inner_->close();
    closed = true;  // what was in flight may never arrive: the pump stops counting it
  }
  bool is_open() const override { return inner_->is_open(); }
  void write(std::string bytes) override {
    written += bytes.size();
    inner_->write(std::move(bytes));
  }
  std::string name() const override { return inner_->name(); }

  std::size_t written = 0;
  std::size_t received = 0;
  bool closed = false;

 private:
  std::unique_ptr<hal::eo::Transport> inner_;
};

hal::eo::EoBoardSettings contract_settings() {
  hal::eo::EoBoardSettings settings;
  settings.description = "EO board over a pty (eo-board-sim's model)";
  // The product's 30 s hold-off would outlast the suite's settle time; 2 s still exercises it
  // (every resume in the suite comes at least 3 ticks after its pause).
  settings.min_pause_before_resume = 2s;
  return settings;
}

class EoBoardHarness {
 public:
  EoBoardHarness() {
    if (pty_.error()) throw std::runtime_error("no pty: " + pty_.error().message());
    auto counting = std::make_unique<CountingTransport>(
        std::make_unique<hal::eo::TtyTransport>(loop_, pty_.slave_path()));
    transport_ = counting.get();
    board_ = std::make_unique<hal::eo::EoBoard>(timers_, clock_, std::move(counting),
                                                contract_settings());
  }

  hal::Charger& charger() { return *board_; }
  std::chrono::milliseconds tick() const { return 1000ms; }
  void advance(std::chrono::milliseconds duration) {
    pump();
    for (;;) {
      const auto next = timers_.next_due_in();
      if (next < 0ms || next > duration) {
        timers_.advance(duration);
        pump();
        return;
      }
      timers_.advance(next);
      duration -= next;
      pump();
    }
  }
  void plug_in_vehicle() { model_.plug_in(); }
  void unplug_vehicle() { model_.unplug(); }
  hal::FaultCode inject_fault() {
    model_.faults().mains_fault = true;
    return hal::FaultCode::mains;
  }
  void clear_fault() { model_.faults().mains_fault = false; }
  void cut_link() { model_.faults().silent = true; }
  void restore_link() { model_.faults().silent = false; }

 private:
  // Runs the handlers that are ready. restart(): a context that ran out of work (the port closed
  // for a reopen) stays stopped otherwise.
  std::size_t poll_loop() {
    loop_.context().restart();
    return loop_.context().poll();
  }
  // Until the model has read all the driver wrote and the driver all the model answered.
  void pump() {
    const auto deadline = std::chrono::steady_clock::now() + 2s;
    for (;;) {
      poll_loop();
      const auto bytes = pty_.read_some(0ms);
      if (!bytes.empty()) {
        read_ += bytes.size();
        const auto reply = model_.receive(bytes, timers_.now());
        if (!reply.empty()) {
          replied_ += reply.size();
          ASSERT_FALSE(pty_.write_all(reply));
        }
        continue;
      }
      if (transport_->closed) {  // a reopen: bytes in flight may be lost; count afresh
        transport_->closed = false;
        read_ = transport_->written;
        replied_ = transport_->received;
      }
      const bool quiet = read_ >= transport_->written && transport_->received >= replied_;
      if (quiet && poll_loop() == 0) return;
      if (std::chrono::steady_clock::now() > deadline) {
        ADD_FAILURE() << "pty pump stuck: driver wrote " << transport_->written << ", model read "
                      << read_ << ", model replied " << replied_ << ", driver received "
                      << transport_->received;
        return;
      }
      (void)pty_.read_some(1ms);  // a bounded wait for the kernel's pty buffer; see above
    }
  }

  common::ManualTimers timers_;
  common::ManualClock clock_{timers_, common::WallTime{} + std::chrono::hours(24 * 365 * 55)};
  common::EventLoop loop_;
  hal::eo::PtyMaster pty_;
  hal::eo::BoardModel model_;
  CountingTransport* transport_ = nullptr;
  std::unique_ptr<hal::eo::EoBoard> board_;
  std::size_t read_ = 0;
  std::size_t replied_ = 0;
};

}  // namespace

namespace hal::testing {

INSTANTIATE_TYPED_TEST_SUITE_P(EoBoardOverPty, ChargerContract, ::testing::Types<EoBoardHarness>);

}  // namespace hal::testing
