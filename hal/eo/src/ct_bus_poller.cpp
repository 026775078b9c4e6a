#include "hal/eo/ct_bus_poller.hpp"

#include <spdlog/spdlog.h>

namespace hal::eo {

CtBusPoller::CtBusPoller(Transport& transport, common::TimerFactory& timers, CtTracker& tracker,
                         CtBusSettings settings)
    : transport_(transport),
      tracker_(tracker),
      settings_(settings),
      reply_timer_(timers.make_timer()),
      idle_timer_(timers.make_timer()) {}

CtBusPoller::~CtBusPoller() = default;

bool CtBusPoller::start(std::function<void()> done) {
  steps_.clear();
  for (const auto channel : all_ct_channels)
    if (has_channel(tracker_.present(), channel)) steps_.push_back({channel, false});
  if (steps_.empty()) return false;
  if (const auto error = transport_.set_baud_rate(ct_bus::baud_rate)) {
    ++counters_.baud_switch_errors;
    for (const auto& step : steps_)
      tracker_.missed(step.channel,
                      "cannot switch " + transport_.name() + " to 9600 baud: " + error.message());
    return false;
  }
  steps_.insert(steps_.begin(), Step{steps_.front().channel, true});
  ++counters_.cycles;
  done_ = std::move(done);
  step_ = 0;
  active_ = true;
  finish_early_ = false;
  send_step();
  return true;
}

void CtBusPoller::send_step() {
  buffer_.clear();
  idle_timer_->cancel();
  transport_.write(encode_ct_request(steps_[step_].channel));
  reply_timer_->start(settings_.reply_timeout, [this] { on_timeout(); });
}

void CtBusPoller::on_bytes(std::string_view bytes) {
  if (!active_) return;
  buffer_ += bytes;
  if (steps_[step_].drop) {
    // Whatever it holds, the first answer is over once the line is quiet.
    idle_timer_->start(settings_.idle_gap, [this] { step_done(); });
    return;
  }
  if (buffer_.size() < ct_bus::frame_bytes) return;
  const auto channel = steps_[step_].channel;
  counters_.extra_bytes += buffer_.size() - ct_bus::frame_bytes;
  const auto reply =
      parse_ct_reply(std::string_view(buffer_).substr(0, ct_bus::frame_bytes), channel);
  if (!reply.ok()) {
    tracker_.missed(channel, "bad CT reply: " + describe(reply.error()));
  } else {
    if (!reply.value().echo_matches) tracker_.echo_mismatch(channel);
    tracker_.reading(channel, reply.value().current_a());
  }
  step_done();
}

void CtBusPoller::on_timeout() {
  if (!active_) return;
  const auto& step = steps_[step_];
  if (!step.drop) {
    tracker_.missed(
        step.channel,
        buffer_.empty()
            ? "no reply within " + std::to_string(settings_.reply_timeout.count()) + " ms"
            : "short reply: " + std::to_string(buffer_.size()) + " of 14 bytes");
  }
  step_done();
}

void CtBusPoller::step_done() {
  reply_timer_->cancel();
  idle_timer_->cancel();
  if (steps_[step_].drop && !buffer_.empty()) ++counters_.dropped_answers;
  ++step_;
  if (step_ < steps_.size() && !finish_early_) return send_step();
  if (step_ < steps_.size()) ++counters_.cycles_cut_short;
  finish();
  if (auto done = std::exchange(done_, nullptr)) done();
}

void CtBusPoller::finish() {
  reply_timer_->cancel();
  idle_timer_->cancel();
  active_ = false;
  buffer_.clear();
  if (!transport_.is_open()) return;
  if (const auto error = transport_.set_baud_rate(ct_bus::board_baud_rate)) {
    // The board would not understand us at 9600: reopening restores the transport's own speed.
    ++counters_.baud_switch_errors;
    spdlog::warn("EO board: cannot switch {} back to 115200 baud ({}); reopening it",
                 transport_.name(), error.message());
    transport_.close();
  }
}

void CtBusPoller::finish_early() {
  if (active_) finish_early_ = true;
}

void CtBusPoller::abandon() {
  if (!active_) return;
  done_ = nullptr;
  finish();
}

}  // namespace hal::eo
