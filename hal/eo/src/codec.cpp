#include "hal/eo/codec.hpp"

#include <cmath>

namespace hal::eo {

namespace {

constexpr char hex_digits[] = "0123456789ABCDEF";

// One hex digit; -1 when `c` is none. Replies may use either case (only what we send must be
// upper case).
int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

std::string to_hex(unsigned value, std::size_t width) {
  std::string text(width, '0');
  for (std::size_t i = width; i-- > 0;) {
    text[i] = hex_digits[value & 0xFU];
    value >>= 4U;
  }
  return text;
}

bool printable(char c) {
  return c >= 0x20 && c <= 0x7E;
}

// Reads fixed-width fields left to right; the first problem sticks and later reads return 0.
class FieldReader {
 public:
  explicit FieldReader(std::string_view frame) : frame_(frame) {}

  int hex(std::size_t index, std::size_t width) {
    int value = 0;
    for (std::size_t i = index; i < index + width; ++i) {
      const int digit = hex_value(frame_[i]);
      if (digit < 0) {
        fail(CodecError::Kind::not_hex, i);
        return 0;
      }
      value = value * 16 + digit;
    }
    return value;
  }
  char character(std::size_t index) {
    if (!printable(frame_[index])) {
      fail(CodecError::Kind::not_printable, index);
      return '?';
    }
    return frame_[index];
  }
  std::string text(std::size_t index, std::size_t width) {
    for (std::size_t i = index; i < index + width; ++i)
      if (!printable(frame_[i])) {
        fail(CodecError::Kind::not_printable, i);
        return {};
      }
    return std::string(frame_.substr(index, width));
  }
  bool failed() const { return failed_; }
  const CodecError& error() const { return error_; }

 private:
  void fail(CodecError::Kind kind, std::size_t index) {
    if (failed_) return;
    failed_ = true;
    error_ = CodecError{kind, index};
  }
  std::string_view frame_;
  // Not std::optional: GCC 12 then warns (wrongly) that the copy may read it uninitialised.
  bool failed_ = false;
  CodecError error_{CodecError::Kind::empty, 0};
};

// Shape and checksum common to both replies. Returns whether the checksum matched, or the error.
Parsed<bool> check_reply(std::string_view frame, std::size_t length, bool strict_checksum) {
  if (frame.empty()) return CodecError{CodecError::Kind::empty, 0};
  if (frame.front() != reply_start) return CodecError{CodecError::Kind::bad_start, 0};
  if (frame.size() == 1) return CodecError{CodecError::Kind::empty, 1};
  if (frame.size() != length) return CodecError{CodecError::Kind::bad_length, frame.size()};
  const std::size_t at = length - 2;
  const int high = hex_value(frame[at]);
  const int low = hex_value(frame[at + 1]);
  if (high < 0 || low < 0) return CodecError{CodecError::Kind::not_hex, high < 0 ? at : at + 1};
  const bool matches = checksum(frame.substr(0, at)) == high * 16 + low;
  if (!matches && strict_checksum) return CodecError{CodecError::Kind::bad_checksum, at};
  return matches;
}

}  // namespace

std::string_view to_string(CodecError::Kind kind) {
  switch (kind) {
    case CodecError::Kind::empty:
      return "empty reply";
    case CodecError::Kind::bad_start:
      return "reply does not start with '!'";
    case CodecError::Kind::bad_length:
      return "wrong reply length";
    case CodecError::Kind::not_hex:
      return "not a hex digit";
    case CodecError::Kind::not_printable:
      return "unprintable character";
    case CodecError::Kind::bad_checksum:
      return "checksum mismatch";
    case CodecError::Kind::too_long:
      return "no terminator within the longest reply";
    case CodecError::Kind::implausible:
      return "implausible value";
  }
  return "unknown error";
}

std::string describe(const CodecError& error) {
  return std::string(to_string(error.kind)) + " at byte " + std::to_string(error.index);
}

std::uint8_t checksum(std::string_view text) {
  unsigned sum = 0;
  for (const char c : text) sum += static_cast<unsigned char>(c);
  return static_cast<std::uint8_t>(sum & 0xFFU);
}

std::string checksum_hex(std::string_view text) {
  return to_hex(checksum(text), 2);
}

int duty_for_current(double current_a) {
  if (!(current_a >= 6.0)) return 0;  // also NaN
  const double clamped = std::min(current_a, 32.0);
  return static_cast<int>(std::lround(clamped / 0.06));
}

double current_for_duty(int duty_tenths) {
  if (duty_tenths <= 0) return 0;
  return std::round(duty_tenths * 0.6) / 10.0;  // × 0.06 A, to 0.1 A
}

std::string encode_discover() {
  std::string frame = "+1";
  frame += checksum_hex(frame);
  frame += carriage_return;
  return frame;
}

std::optional<std::string> encode_set_limit(std::string_view address, int duty_tenths) {
  if (address.size() != address_length || duty_tenths < 0 || duty_tenths > max_duty_tenths)
    return std::nullopt;
  for (const char c : address)
    if (!printable(c)) return std::nullopt;
  std::string frame = "+0";
  frame += address;
  frame += to_hex(static_cast<unsigned>(duty_tenths), 3);
  frame += checksum_hex(frame);
  frame += carriage_return;
  return frame;
}

Parsed<AddressReply> parse_address_reply(std::string_view frame, bool strict_checksum) {
  const auto shape = check_reply(frame, address_frame_length, strict_checksum);
  if (!shape.ok()) return shape.error();
  FieldReader reader(frame);
  AddressReply reply{reader.text(1, address_length), shape.value()};
  if (reader.failed()) return reader.error();
  return reply;
}

Parsed<StatusBlock> parse_status(std::string_view frame, bool strict_checksum) {
  const auto shape = check_reply(frame, status_frame_length, strict_checksum);
  if (!shape.ok()) return shape.error();
  FieldReader r(frame);
  StatusBlock s;
  s.firmware_version = r.hex(1, 2);
  s.rotary_switch = r.hex(3, 1);
  s.control_pilot_raw = r.hex(4, 3);
  s.duty_output_tenths = r.hex(7, 3);
  s.plug_voltage_raw = r.hex(10, 3);
  s.live_voltage_raw = r.hex(13, 3);
  s.neutral_voltage_raw = r.hex(16, 3);
  s.daylight_raw = r.hex(19, 3);
  s.frequency_hz = r.hex(22, 3);
  s.state_id = r.hex(25, 2);
  s.relay_state = r.character(27);
  s.plug_state = r.character(28);
  s.duty_limit_tenths = r.hex(29, 3);
  s.charge_duty_timer = r.hex(32, 4);
  s.station_uptime = r.hex(36, 4);
  s.charge_time = r.hex(40, 4);
  s.mains_state = r.hex(44, 2);
  s.control_pilot_line = r.character(46);
  s.station_id = r.character(47);
  s.random_value = r.hex(48, 2);
  s.max_current_a = r.hex(50, 3);
  s.persistent_id = r.text(53, 8);
  s.watchdog_current = r.hex(61, 3);
  s.watchdog_time = r.hex(64, 3);
  s.p1_deciamps = r.hex(67, 3);
  s.p2_deciamps = r.hex(70, 3);
  s.p3_deciamps = r.hex(73, 3);
  s.eco7_switch = r.character(76);
  s.checksum_ok = shape.value();
  if (r.failed()) return r.error();
  return s;
}

std::string encode_status(const StatusBlock& s) {
  const auto hex = [](int value, std::size_t width) {
    return to_hex(static_cast<unsigned>(value), width);
  };
  const auto chr = [](char c) { return std::string(1, printable(c) ? c : '?'); };
  std::string id = s.persistent_id.substr(0, 8);
  id.resize(8, '0');
  std::string frame = "!";
  frame += hex(s.firmware_version, 2) + hex(s.rotary_switch, 1) + hex(s.control_pilot_raw, 3) +
           hex(s.duty_output_tenths, 3) + hex(s.plug_voltage_raw, 3) + hex(s.live_voltage_raw, 3) +
           hex(s.neutral_voltage_raw, 3) + hex(s.daylight_raw, 3) + hex(s.frequency_hz, 3) +
           hex(s.state_id, 2) + chr(s.relay_state) + chr(s.plug_state) +
           hex(s.duty_limit_tenths, 3) + hex(s.charge_duty_timer, 4) + hex(s.station_uptime, 4) +
           hex(s.charge_time, 4) + hex(s.mains_state, 2) + chr(s.control_pilot_line) +
           chr(s.station_id) + hex(s.random_value, 2) + hex(s.max_current_a, 3) + id +
           hex(s.watchdog_current, 3) + hex(s.watchdog_time, 3) + hex(s.p1_deciamps, 3) +
           hex(s.p2_deciamps, 3) + hex(s.p3_deciamps, 3) + chr(s.eco7_switch);
  frame += checksum_hex(frame);
  return frame;
}

double live_voltage_v(int raw, double correction_k) {
  return raw / 2.0 / std::sqrt(2.0) * correction_k;
}

int live_voltage_raw(double voltage_v, double correction_k) {
  if (!(correction_k > 0) || !(voltage_v > 0)) return 0;
  const double raw = voltage_v * 2.0 * std::sqrt(2.0) / correction_k;
  return static_cast<int>(std::lround(std::min(raw, 4095.0)));
}

StateMeaning interpret_state(int state_id, bool offering_current) {
  using S = StateClass;
  using V = VehicleState;
  switch (state_id) {
    case 0:
      return {S::booting, V::unknown, "start"};
    case 1:
      return {S::booting, V::unknown, "settle-time"};
    case 2:
      return {S::booting, V::unknown, "test-incoming-mains"};
    case 3:
      return {S::mains_fault, V::unknown, "mains-fault-start"};
    case 4:
      return {S::mains_fault, V::unknown, "mains-fault"};
    case 5:
      return {S::vehicle, V::no_vehicle, "idle-start"};
    case 6:
      return {S::vehicle, V::no_vehicle, "idle"};
    case 7:
      return {S::vehicle, V::plug_present, "plug-present-start"};
    case 8:
      return {S::vehicle, V::plug_present, "plug-present"};
    case 9:
    case 10:
      return {S::vehicle, offering_current ? V::connected : V::evse_suspended,
              state_id == 9 ? "car-connected-start" : "car-connected"};
    case 11:
      return {S::vehicle, V::charging, "charging-start"};
    case 12:
      return {S::vehicle, V::charging, "charging"};
    case 13:
      return {S::vehicle, V::ev_finished, "charge-complete-start"};
    case 14:
      return {S::vehicle, V::ev_finished, "charge-complete"};
    case 15:
      return {S::vehicle, V::evse_suspended, "charge-suspended-start"};
    case 16:
      return {S::vehicle, V::evse_suspended, "charge-suspended"};
    case 18:
      return {S::vehicle, V::evse_suspended, "charge-paused"};  // seen, meaning unclear
    default:
      return {S::unknown, V::unknown, "unknown"};
  }
}

}  // namespace hal::eo
