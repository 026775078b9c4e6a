#include "hal/eo/memory_transport.hpp"

#include <utility>

namespace hal::eo {

MemoryTransport::MemoryTransport(common::TimerFactory& timers,
                                 std::chrono::milliseconds reply_delay)
    : timer_(timers.make_timer()), reply_delay_(reply_delay) {}

MemoryTransport::~MemoryTransport() = default;

std::error_code MemoryTransport::open(TransportCallbacks callbacks) {
  if (auto error = std::exchange(next_open_error_, {})) return error;
  callbacks_ = std::move(callbacks);
  open_ = true;
  baud_rate_ = 115200;
  ++open_count_;
  return {};
}

void MemoryTransport::close() {
  open_ = false;
  pending_.clear();
  pending_error_ = {};
  timer_->cancel();
}

std::error_code MemoryTransport::set_baud_rate(unsigned baud) {
  if (!open_) return std::make_error_code(std::errc::bad_file_descriptor);
  if (baud != baud_rate_) ++baud_switches_;
  baud_rate_ = baud;
  return {};
}

void MemoryTransport::write(std::string bytes) {
  if (!open_) return;
  written_.push_back(bytes);
  if (!responder_) return;
  auto answer = responder_(bytes);
  if (!answer.empty()) inject(std::move(answer));
}

void MemoryTransport::inject(std::string bytes) {
  if (!open_) return;
  pending_.push_back(std::move(bytes));
  schedule();
}

void MemoryTransport::inject_error(std::error_code error) {
  if (!open_) return;
  pending_error_ = error;
  schedule();
}

void MemoryTransport::schedule() {
  if (timer_->armed()) return;
  timer_->start(reply_delay_, [this] {
    while (open_ && !pending_.empty()) {
      const auto bytes = std::move(pending_.front());
      pending_.pop_front();
      if (callbacks_.on_bytes) callbacks_.on_bytes(bytes);
    }
    if (open_ && pending_error_) {
      open_ = false;
      if (callbacks_.on_error) callbacks_.on_error(std::exchange(pending_error_, {}));
    }
  });
}

}  // namespace hal::eo
