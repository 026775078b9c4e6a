#include "hal/eo/eo_board.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <spdlog/spdlog.h>

namespace hal::eo {

namespace {

bool has_code(const std::vector<Fault>& faults, FaultCode code) {
  return std::any_of(faults.begin(), faults.end(),
                     [code](const Fault& fault) { return fault.code == code; });
}

// The CT channels this box reads: those configured, if anything reads them.
CtChannels ct_channels(const EoCtSettings& ct, bool has_meter) {
  return (ct.on_board_bus || has_meter) ? ct.channels : CtChannels{};
}

}  // namespace

EoBoard::EoBoard(common::TimerFactory& timers, const common::Clock& clock,
                 std::unique_ptr<Transport> transport, EoBoardSettings settings,
                 std::unique_ptr<CtMeter> ct_meter)
    : timers_(timers),
      clock_(clock),
      transport_(std::move(transport)),
      settings_((validate(settings), std::move(settings))),
      poll_timer_(timers.make_timer()),
      reply_timer_(timers.make_timer()),
      resume_timer_(timers.make_timer()),
      ct_(ct_channels(settings_.ct, ct_meter != nullptr), settings_.ct.misses_before_stale,
          ct_meter ? ct_meter->name() : "the CT device on " + transport_->name()),
      ct_meter_(std::move(ct_meter)),
      ct_retry_timer_(timers.make_timer()),
      energy_wh_(settings_.initial_energy_wh) {
  for (const auto channel : all_ct_channels)
    (void)ct_.set_calibration(channel, settings_.ct.calibration[index_of(channel)]);
  if (settings_.ct.on_board_bus && !ct_meter_ && ct_.any_present())
    ct_bus_ = std::make_unique<CtBusPoller>(*transport_, timers, ct_, settings_.ct.bus);
  capabilities_.description = settings_.description;
  capabilities_.min_current_a = settings_.min_current_a;
  capabilities_.max_current_a = settings_.max_current_a;
  capabilities_.phases = settings_.phases;
  capabilities_.measures_frequency = true;
  capabilities_.ct = ct_.present();
}

EoBoard::~EoBoard() {
  running_ = false;
  if (transport_) transport_->close();
}

void EoBoard::start() {
  if (running_) return;
  running_ = true;
  link_up_ = true;
  state_reported_ = false;
  reported_state_ = VehicleState::unknown;
  faults_.clear();
  last_sample_.reset();
  last_reply_at_.reset();
  consecutive_misses_ = 0;
  pending_ = Pending::none;
  ct_.forget();
  ct_due_ = false;
  if (ct_meter_) ct_meter_->start();
  poll_timer_->start(settings_.poll_interval, [this] { on_poll_timer(); });
  // The safe current (0 until told otherwise) goes out now, not a poll interval later: after a
  // daemon restart the board may still be applying an old limit or its own fallback.
  if (open_transport()) send_next(false);
}

void EoBoard::stop() {
  if (!running_) return;
  running_ = false;
  poll_timer_->cancel();
  reply_timer_->cancel();
  resume_timer_->cancel();
  ct_retry_timer_->cancel();
  if (ct_bus_) ct_bus_->abandon();  // back to 115200 baud for the last SET LIMIT
  if (ct_meter_) ct_meter_->stop();
  pending_ = Pending::none;
  last_sample_.reset();
  // Leave the board at 0 A. The reply is not waited for (nothing listens any more); the transport
  // stays open so this write is not cancelled, and is closed by the destructor or reopened.
  if (transport_->is_open() && !address_.empty()) {
    if (auto frame = encode_set_limit(address_, 0)) {
      transport_->write(*frame);
      last_duty_sent_ = 0;
    }
  }
}

bool EoBoard::open_transport() {
  if (transport_->is_open()) return true;
  framer_.reset();
  const auto error = transport_->open({[this](std::string_view bytes) { on_bytes(bytes); },
                                       [this](std::error_code ec) { on_transport_error(ec); }});
  if (error) {
    ++counters_.transport_errors;
    spdlog::warn("EO board: cannot open {}: {}", transport_->name(), error.message());
    return false;
  }
  address_.clear();  // a reopened link may lead to another board: discover again
  return true;
}

void EoBoard::offer_current(double current_a) {
  // IEC 61851: below the minimum the pilot cannot offer current, so it is a pause (as are
  // negative values and NaN, which compare false).
  double clamped = 0;
  if (current_a >= capabilities_.min_current_a)
    clamped = std::min(current_a, capabilities_.max_current_a);
  if (clamped == requested_a_) return;
  requested_a_ = clamped;
  limit_changed();
}

void EoBoard::set_enabled(bool enabled) {
  if (enabled == enabled_) return;
  enabled_ = enabled;
  limit_changed();
}

VehicleState EoBoard::vehicle_state() const {
  return link_up() ? reported_state_ : VehicleState::unknown;
}

std::optional<MeterSample> EoBoard::last_sample() const {
  return link_up() ? last_sample_ : std::nullopt;
}

double EoBoard::board_maximum_a(const StatusBlock& status) {
  // Field 50–52 follows the PCB's rotary switch (32 on the real frame). Outside the pilot's range
  // it is not believed: counted, and the box's rating applies.
  if (status.max_current_a >= 6 && status.max_current_a <= 80) return status.max_current_a;
  ++counters_.implausible_board_maximum;
  return 0;
}

int EoBoard::duty_to_send() {
  const bool faulted = !faults_.empty();
  double amps = (running_ && enabled_ && !faulted) ? requested_a_ : 0;
  if (board_max_a_ > 0) amps = std::min(amps, board_max_a_);
  const int duty = duty_for_current(amps);
  // A pause is never delayed. Resuming after one waits out min_pause_before_resume.
  if (duty > 0 && last_duty_sent_ == 0 && resume_timer_->armed()) {
    ++counters_.resumes_delayed;
    return 0;
  }
  return duty;
}

void EoBoard::limit_changed() {
  if (!running_ || address_.empty()) return;  // discovery will send it
  const int duty = duty_to_send();
  if (last_duty_sent_ && duty == *last_duty_sent_) return;
  if (pending_ != Pending::none) {
    resend_wanted_ = true;
    if (pending_ == Pending::ct) ct_bus_->finish_early();  // a pause waits one CT exchange at most
    return;
  }
  send_set_limit(false);
}

void EoBoard::on_poll_timer() {
  poll_timer_->start(settings_.poll_interval, [this] { on_poll_timer(); });
  if (pending_ != Pending::none) {
    tick_wanted_ = true;
    return;
  }
  if (!open_transport()) {
    exchange_failed("cannot open " + transport_->name());
    return;
  }
  send_next(true);
}

void EoBoard::send_next(bool tick) {
  if (address_.empty())
    send_discover();
  else
    send_set_limit(tick);
}

void EoBoard::send_discover() {
  framer_.reset();
  pending_ = Pending::discover;
  pending_tick_ = false;
  ++counters_.requests_sent;
  transport_->write(encode_discover());
  reply_timer_->start(settings_.reply_timeout, [this] { on_reply_timeout(); });
}

void EoBoard::send_set_limit(bool tick) {
  const int duty = duty_to_send();
  const auto frame = encode_set_limit(address_, duty);
  if (!frame) {  // an address that cannot be sent back: find the board again
    address_.clear();
    return send_discover();
  }
  if (last_duty_sent_ && *last_duty_sent_ > 0 && duty == 0 &&
      settings_.min_pause_before_resume.count() > 0)
    resume_timer_->start(settings_.min_pause_before_resume, [this] { limit_changed(); });
  framer_.reset();
  pending_ = Pending::status;
  pending_tick_ = tick;
  resend_wanted_ = false;
  last_duty_sent_ = duty;
  ++counters_.requests_sent;
  transport_->write(*frame);
  reply_timer_->start(settings_.reply_timeout, [this] { on_reply_timeout(); });
}

void EoBoard::on_bytes(std::string_view bytes) {
  if (!running_) return;
  if (pending_ == Pending::ct) return ct_bus_->on_bytes(bytes);
  for (const auto& reply : framer_.feed(bytes)) {
    if (pending_ == Pending::none) {
      ++counters_.unexpected_bytes;
      continue;
    }
    handle_frame(reply);
    if (!running_) return;
  }
}

void EoBoard::on_transport_error(std::error_code error) {
  ++counters_.transport_errors;
  spdlog::warn("EO board: {} failed: {}", transport_->name(), error.message());
  if (!running_) return;
  reply_timer_->cancel();
  if (pending_ == Pending::ct) {  // not the board's miss: the next poll reopens the link
    ct_bus_->abandon();
    pending_ = Pending::none;
    return;
  }
  if (pending_ != Pending::none) exchange_failed(transport_->name() + ": " + error.message());
}

void EoBoard::on_reply_timeout() {
  if (pending_ == Pending::none) return;
  exchange_failed("no reply within " + std::to_string(settings_.reply_timeout.count()) + " ms");
}

void EoBoard::handle_frame(const FramedReply& reply) {
  const bool discovering = pending_ == Pending::discover;
  if (reply.error) {
    ++counters_.malformed_replies;
    return exchange_failed(describe(*reply.error));
  }
  if (discovering) {
    const auto parsed = parse_address_reply(reply.frame, settings_.strict_checksum);
    if (!parsed.ok()) {
      ++counters_.malformed_replies;
      return exchange_failed("bad DISCOVER reply: " + describe(parsed.error()));
    }
    if (!parsed.value().checksum_ok) ++counters_.checksum_mismatches;
    reply_timer_->cancel();
    pending_ = Pending::none;
    address_ = parsed.value().address;
    spdlog::info("EO board: address {} on {}", address_, transport_->name());
    // At once, not at the next poll: the safe limit must reach the board promptly.
    return send_set_limit(!last_sample_.has_value() || !link_up_);
  }
  const auto parsed = parse_status(reply.frame, settings_.strict_checksum);
  if (!parsed.ok()) {
    if (parsed.error().kind == CodecError::Kind::bad_checksum) ++counters_.checksum_mismatches;
    ++counters_.malformed_replies;
    return exchange_failed("bad status reply: " + describe(parsed.error()));
  }
  if (!parsed.value().checksum_ok) ++counters_.checksum_mismatches;
  reply_timer_->cancel();
  const bool tick = pending_tick_;
  pending_ = Pending::none;
  consecutive_misses_ = 0;
  ++counters_.status_replies;
  const bool restoring = !link_up_;
  if (restoring) {
    link_up_ = true;
    state_reported_ = false;
    spdlog::info("EO board: link to {} restored", transport_->name());
    if (listener_) listener_->on_link_restored();
    if (!running_) return;
  }
  const bool first = !last_sample_.has_value();
  last_status_ = parsed.value();
  handle_status(parsed.value());
  if (!running_) return;
  if (tick) ct_due_ = true;
  if (tick || first || restoring) read_ct_meter();
  auto sample = make_sample(parsed.value());
  if (tick || first || restoring) {
    last_sample_ = sample;
    if (listener_) listener_->on_meter_sample(sample);
    if (!running_) return;
  }
  // Anything that changed meanwhile (a command, a fault, the board's maximum) goes out now.
  // Field 29–31 should echo what we sent. Its meaning is unconfirmed, so a mismatch is counted,
  // never answered by resending (a board that never echoes would be flooded).
  if (last_duty_sent_ && parsed.value().duty_limit_tenths != *last_duty_sent_)
    ++counters_.limit_not_echoed;
  send_what_is_wanted();
  if (pending_ == Pending::none && ct_due_) start_ct_cycle();
}

void EoBoard::send_what_is_wanted() {
  const int duty = duty_to_send();
  if (resend_wanted_ || (last_duty_sent_ && duty != *last_duty_sent_))
    return send_set_limit(std::exchange(tick_wanted_, false));
  if (std::exchange(tick_wanted_, false)) send_set_limit(true);
}

void EoBoard::start_ct_cycle() {
  ct_due_ = false;
  if (!ct_bus_ || ct_retry_timer_->armed()) return;
  if (!ct_bus_->start([this] { ct_cycle_done(); })) return;
  pending_ = Pending::ct;
}

void EoBoard::ct_cycle_done() {
  pending_ = Pending::none;
  // A device that answers nothing costs the shared bus four timeouts per cycle: rest it.
  if (ct_.all_stale()) ct_retry_timer_->start(settings_.ct.retry_interval, [] {});
  if (!running_) return;
  if (!transport_->is_open()) return;  // could not switch back: the next poll reopens
  send_what_is_wanted();
}

void EoBoard::read_ct_meter() {
  if (!ct_meter_) return;
  for (const auto channel : all_ct_channels) {
    if (!has_channel(ct_.present(), channel)) continue;
    const auto reading = ct_meter_->read(channel);
    if (reading.current_a)
      ct_.reading(channel, *reading.current_a);
    else if (!reading.not_ready)
      ct_.missed(channel, reading.error);
  }
}

std::optional<std::string> EoBoard::set_ct_calibration(CtChannel channel,
                                                       const CtCalibration& value) {
  return ct_.set_calibration(channel, value);
}

void EoBoard::handle_status(const StatusBlock& status) {
  const double board_max = board_maximum_a(status);
  if (board_max != board_max_a_) {
    if (board_max > 0)
      spdlog::info("EO board: maximum {} A (rotary switch {:X})", board_max, status.rotary_switch);
    board_max_a_ = board_max;
  }
  const auto meaning = interpret_state(status.state_id, status.duty_output_tenths > 0);
  update_faults(status, meaning);
  if (!running_) return;
  VehicleState state = reported_state_;
  switch (meaning.state_class) {
    case StateClass::vehicle:
      state = meaning.vehicle;
      last_unknown_state_id_ = -1;
      break;
    case StateClass::booting:
    case StateClass::mains_fault:
      state = VehicleState::unknown;
      break;
    case StateClass::unknown:
      // Notes §4: the old software crashed here. Keep the last state; log each new id once.
      ++counters_.unknown_state_ids;
      if (status.state_id != last_unknown_state_id_)
        spdlog::warn("EO board: unknown state id {} (0x{:02X}); keeping {}", status.state_id,
                     status.state_id, to_string(reported_state_));
      last_unknown_state_id_ = status.state_id;
      break;
  }
  // Boot states before anything was reported say nothing new: the first report is a real one.
  if (!state_reported_ && state == VehicleState::unknown) return;
  if (state_reported_ && state == reported_state_) return;
  state_reported_ = true;
  reported_state_ = state;
  if (listener_) listener_->on_vehicle_state(state);
}

void EoBoard::update_faults(const StatusBlock& status, const StateMeaning& meaning) {
  std::optional<Fault> mains;
  if (meaning.state_class == StateClass::mains_fault)
    mains = Fault{FaultCode::mains, "EO board state " + std::string(meaning.name)};
  else if (status.live_voltage_raw == 0 && meaning.state_class != StateClass::booting)
    mains = Fault{FaultCode::mains, "no live voltage"};  // the old software crashed on this
  const bool active = has_code(faults_, FaultCode::mains);
  if (mains && !active) {
    faults_.push_back(*mains);
    spdlog::warn("EO board: fault: {}", mains->detail);
    if (listener_) listener_->on_fault_raised(*mains);
  } else if (!mains && active) {
    std::erase_if(faults_, [](const Fault& fault) { return fault.code == FaultCode::mains; });
    spdlog::info("EO board: mains fault cleared");
    if (listener_) listener_->on_fault_cleared(FaultCode::mains);
  }
}

MeterSample EoBoard::make_sample(const StatusBlock& status) {
  MeterSample sample;
  sample.voltage_v = live_voltage_v(status.live_voltage_raw, settings_.voltage_correction_k);
  sample.current_a = status.p1_current_a();
  double total_a = sample.current_a;
  sample.phases_in_use = 1;
  if (settings_.phases == 3) {
    // The vehicle draws on the phases that carry current (a single-phase car on a 3-phase box).
    const double others[] = {status.p2_current_a(), status.p3_current_a()};
    for (const double amps : others)
      if (amps > 0.5) {
        ++sample.phases_in_use;
        total_a += amps;
      }
  }
  sample.power_w = sample.voltage_v * total_a;
  sample.offered_a = current_for_duty(status.duty_output_tenths);
  sample.frequency_hz = status.frequency_hz;
  sample.ct = ct_.readings();

  // Energy: the board has no meter, so integrate V × I (trapezoid) between replies. A gap longer
  // than three polls (link loss, a clock step) is not guessed at: the register never invents Wh.
  const auto now = clock_.now();
  if (last_reply_at_ && now > *last_reply_at_) {
    const auto gap = now - *last_reply_at_;
    if (gap <= 3 * settings_.poll_interval) {
      const double hours = std::chrono::duration<double, std::ratio<3600>>(gap).count();
      energy_wh_ += (last_power_w_ + sample.power_w) / 2 * hours;
    }
  }
  last_reply_at_ = now;
  last_power_w_ = sample.power_w;
  sample.energy_wh = energy_wh_;
  return sample;
}

void EoBoard::exchange_failed(const std::string& why) {
  reply_timer_->cancel();
  pending_ = Pending::none;
  ++counters_.missed_replies;
  ++consecutive_misses_;
  spdlog::debug("EO board: exchange failed: {}", why);
  if (link_up_ && consecutive_misses_ >= settings_.missed_replies_before_link_lost) {
    link_up_ = false;
    last_sample_.reset();
    last_reply_at_.reset();
    ct_.forget();
    const std::string reason = "no valid reply from the EO board on " + transport_->name() +
                               " for " + std::to_string(consecutive_misses_) +
                               " polls (last: " + why + "); check the Pi-to-board cable";
    spdlog::error("EO board: link lost: {}", reason);
    if (listener_) listener_->on_link_lost(reason);
  }
  if (consecutive_misses_ >= settings_.missed_replies_before_reopen &&
      consecutive_misses_ % settings_.missed_replies_before_reopen == 0) {
    ++counters_.reopens;
    spdlog::warn("EO board: reopening {} after {} missed replies", transport_->name(),
                 consecutive_misses_);
    transport_->close();
    address_.clear();  // discovered again on the next poll, after the reopen
  }
}

}  // namespace hal::eo
