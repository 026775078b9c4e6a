#include "hal/eo/board_model.hpp"

#include <algorithm>

namespace hal::eo {

namespace {

// Pairs of state ids (notes §4): the first is the short "-start" entry state.
constexpr int mains_fault_group = 3;
constexpr int idle_group = 5;
constexpr int connected_group = 9;
constexpr int charging_group = 11;
constexpr int complete_group = 13;
constexpr int suspended_group = 15;

bool upper_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
}

int hex_value(std::string_view digits) {
  int value = 0;
  for (const char c : digits) value = value * 16 + (c <= '9' ? c - '0' : c - 'A' + 10);
  return value;
}

}  // namespace

BoardModel::BoardModel(BoardModelConfig config)
    : config_(std::move(config)), boot_left_(config_.boot_replies) {}

std::string BoardModel::receive(std::string_view bytes, std::chrono::milliseconds now) {
  std::string out;
  for (const char c : bytes) {
    if (c == carriage_return) {
      out += handle(input_, now);
      input_.clear();
    } else if (c != line_feed) {
      input_ += c;
      if (input_.size() > 64) input_.clear();  // no request is this long: resynchronise
    }
  }
  return out;
}

void BoardModel::advance_to(std::chrono::milliseconds now) {
  if (config_.watchdog_timeout && last_limit_at_ &&
      now - *last_limit_at_ >= *config_.watchdog_timeout)
    watchdog_tripped_ = true;
}

std::string BoardModel::handle(std::string_view request, std::chrono::milliseconds now) {
  advance_to(now);
  if (faults_.silent) return {};
  const auto start = request.find(request_start);
  if (start == std::string_view::npos) return {};
  request.remove_prefix(start);
  // DISCOVER, and the old software's accidental form with a second checksum appended.
  if (request == "+15C" || request == "+15CD4")
    return finish("!" + config_.address + checksum_hex("!" + config_.address));
  if (request.size() != 2 + address_length + 3 + 2 || request.substr(0, 2) != "+0" ||
      checksum_hex(request.substr(0, 13)) != request.substr(13, 2) ||
      request.substr(2, address_length) != config_.address) {
    ++refused_;
    return {};
  }
  const auto duty = request.substr(10, 3);
  if (!std::all_of(duty.begin(), duty.end(), upper_hex)) {
    ++lower_case_;  // the real board then charges at undefined rates; the model refuses
    ++refused_;
    return {};
  }
  duty_limit_ = hex_value(duty);
  last_limit_at_ = now;
  watchdog_tripped_ = false;
  ++uptime_;
  step_state();
  return finish(encode_status(status()));
}

double BoardModel::applied_limit_a() const {
  if (faults_.mains_fault) return 0;
  const double limit =
      watchdog_tripped_ ? config_.watchdog_current_a : current_for_duty(duty_limit_);
  return std::min(limit, static_cast<double>(config_.max_current_a));
}

double BoardModel::car_current_a() const {
  if (state_id_ != charging_group && state_id_ != charging_group + 1) return 0;
  return std::min(applied_limit_a(), car_demand_a_);
}

void BoardModel::step_state() {
  if (boot_left_ > 0) {
    state_id_ = std::clamp(config_.boot_replies - boot_left_, 0, 2);
    --boot_left_;
    return;
  }
  const bool offered = applied_limit_a() >= 6;
  int group = idle_group;
  if (faults_.mains_fault) {
    group = mains_fault_group;
  } else if (!plugged_) {
    was_charging_ = false;
  } else if (offered) {
    group =
        car_demand_a_ >= 1 ? charging_group : (was_charging_ ? complete_group : connected_group);
  } else if (faults_.contactor_oscillation && was_charging_) {
    // Notes §6: some cars answer duty 000 by cycling about once a second, the contactor clicking.
    oscillation_phase_ = !oscillation_phase_;
    state_id_ = oscillation_phase_ ? charging_group + 1 : complete_group + 1;
    group_ = -1;
    return;
  } else {
    group = was_charging_ ? suspended_group : connected_group;
  }
  if (group == charging_group) was_charging_ = true;
  state_id_ = group == group_ ? group + 1 : group;
  group_ = group;
}

StatusBlock BoardModel::status() const {
  StatusBlock s;
  const bool charging = car_current_a() > 0;
  s.firmware_version = config_.firmware_version;
  s.rotary_switch = config_.rotary_switch;
  s.control_pilot_raw = !plugged_ ? 0x3FF : (charging ? 0x2A0 : 0x300);
  s.duty_output_tenths = faults_.mains_fault ? 0 : duty_for_current(applied_limit_a());
  s.plug_voltage_raw = plugged_ ? 0x100 : 0;
  s.live_voltage_raw = (faults_.live_voltage_zero || faults_.mains_fault)
                           ? 0
                           : live_voltage_raw(config_.voltage_v, config_.voltage_correction_k);
  s.neutral_voltage_raw = 5;
  s.frequency_hz = faults_.mains_fault ? 0 : config_.frequency_hz;
  s.state_id = faults_.state_id.value_or(state_id_);
  s.relay_state = charging ? '1' : '0';
  s.plug_state = plugged_ ? '1' : '0';
  s.duty_limit_tenths = duty_limit_;
  s.station_uptime = uptime_ & 0xFFFF;
  s.mains_state = faults_.mains_fault ? 1 : 0;
  s.control_pilot_line = faults_.mains_fault ? 'F' : (!plugged_ ? 'A' : (charging ? 'C' : 'B'));
  s.station_id = '0';
  s.random_value = uptime_ & 0xFF;
  s.max_current_a = config_.max_current_a;
  s.persistent_id = config_.address;
  s.watchdog_current = static_cast<int>(config_.watchdog_current_a);
  s.watchdog_time =
      config_.watchdog_timeout ? static_cast<int>(config_.watchdog_timeout->count() / 1000) : 0;
  s.p1_deciamps = static_cast<int>(car_current_a() * 10 + 0.5);
  s.eco7_switch = '0';
  return s;
}

std::string BoardModel::finish(std::string frame) const {
  if (faults_.bad_checksum) frame.back() = frame.back() == '0' ? '1' : '0';
  if (faults_.truncate) frame.resize(frame.size() / 2);
  std::string out = faults_.garbage_before ? std::string("\x00\xFF#?~", 5) : std::string();
  out += frame;
  out += faults_.crlf ? "\r\n" : "\r";
  return out;
}

}  // namespace hal::eo
