#pragma once
// The EO power board's wire format as pure functions: frames ⇄ typed values, no I/O, no logging, no
// exceptions (docs/eo-board.md; the facts are in the protocol notes, cited here as "notes §n").
//
// Requests (Pi → board): '+' · command digit · payload · checksum · CR.
// Replies (board → Pi):  '!' · payload · checksum · terminator (CR, or CR LF: unconfirmed, both
// taken). Checksum (notes §2): the low 8 bits of the sum of the ASCII codes of every character
// before it,
// '+'/'!' included, as two UPPERCASE hex digits. Lower-case hex made the board charge at undefined
// rates, so we never write it; in replies it is accepted (the board is not known to send it).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "hal/types.hpp"

namespace hal::eo {

// Why a reply was refused. `index` is the offset in the frame where the problem was seen.
struct CodecError {
  enum class Kind {
    empty,          // nothing between '!' and the terminator
    bad_start,      // the frame does not begin with '!'
    bad_length,     // not the length this reply has (address: 11, status: 79, without terminator)
    not_hex,        // a hex field holds something else
    not_printable,  // a character field holds a control or non-ASCII byte
    bad_checksum,   // the checksum does not match (only an error in strict mode)
    too_long,       // the framer saw more bytes than any reply has without a terminator
    implausible,    // a well-formed value no sensor can produce (a CT reading above 200 A)
  };
  Kind kind;
  std::size_t index = 0;
};
std::string_view to_string(CodecError::Kind kind);
std::string describe(const CodecError& error);

// A parse result: a value or a CodecError. Small on purpose: C++20 has no std::expected.
template <typename T>
class Parsed {
 public:
  Parsed(T value) : value_(std::move(value)), error_{CodecError::Kind::empty, 0} {}  // NOLINT
  Parsed(CodecError error) : error_(error) {}                                        // NOLINT
  bool ok() const { return value_.has_value(); }
  const T& value() const { return *value_; }
  const CodecError& error() const { return error_; }

 private:
  std::optional<T> value_;
  CodecError error_;
};

// ---- requests ----
inline constexpr char request_start = '+';
inline constexpr char reply_start = '!';
inline constexpr char carriage_return = '\r';
inline constexpr char line_feed = '\n';
inline constexpr std::size_t address_length = 8;
// Notes §4: '!' + 76 payload + 2 checksum = 79, then the terminator (80 bytes in all).
inline constexpr std::size_t status_frame_length = 79;
// '!' + 8-character address + 2 checksum.
inline constexpr std::size_t address_frame_length = 11;
// Duty values in tenths of a percent that fit the 3 hex digits of SET LIMIT.
inline constexpr int max_duty_tenths = 0xFFF;

std::uint8_t checksum(std::string_view text);
// Two uppercase hex digits.
std::string checksum_hex(std::string_view text);

// Notes §2/§3: IEC 61851 PWM % = A / 0.6, so duty in tenths of a percent = round(A / 0.06) for
// 6 ≤ A ≤ 32, and 0 (pause) below 6 A. Rounding, not truncating A / 0.062: the old software's
// truncation made cars draw 1 A less than set. Above 32 A (and NaN) this is the 32 A duty: the
// caller clamps first; this only guarantees no out-of-range duty ever reaches the wire.
int duty_for_current(double current_a);
// The current a duty stands for, to 0.1 A (the duty's resolution is 0.06 A).
double current_for_duty(int duty_tenths);

// `+1` + checksum + CR = "+15C\r".
std::string encode_discover();
// `+0` + address + 3 uppercase hex digits + checksum + CR. nullopt when the address is not 8
// printable characters or the duty is outside 0..0xFFF: such a frame must never be sent.
std::optional<std::string> encode_set_limit(std::string_view address, int duty_tenths);

// ---- replies ----
// `frame` is one reply without its terminator, starting with '!'. With `strict_checksum` false a
// wrong checksum is accepted and reported in `checksum_ok` (the caller counts it).
struct AddressReply {
  std::string address;
  bool checksum_ok = true;
};
Parsed<AddressReply> parse_address_reply(std::string_view frame, bool strict_checksum);

// Every field of the 80-byte status block (notes §4), in frame order. Raw ADC values stay raw;
// the converted ones carry their unit in the name.
struct StatusBlock {
  int firmware_version = 0;       // 1–2
  int rotary_switch = 0;          // 3: the PCB's current switch, one hex digit
  int control_pilot_raw = 0;      // 4–6, raw ADC
  int duty_output_tenths = 0;     // 7–9: PWM actually output, 0.1 %
  int plug_voltage_raw = 0;       // 10–12
  int live_voltage_raw = 0;       // 13–15 (see live_voltage_v)
  int neutral_voltage_raw = 0;    // 16–18
  int daylight_raw = 0;           // 19–21
  int frequency_hz = 0;           // 22–24, whole Hz
  int state_id = 0;               // 25–26 (see interpret_state)
  char relay_state = '0';         // 27
  char plug_state = '0';          // 28
  int duty_limit_tenths = 0;      // 29–31: the limit last received from the Pi
  int charge_duty_timer = 0;      // 32–35
  int station_uptime = 0;         // 36–39, unit unknown
  int charge_time = 0;            // 40–43, unit unknown
  int mains_state = 0;            // 44–45
  char control_pilot_line = 'A';  // 46: probably the IEC letter (unconfirmed)
  char station_id = '0';          // 47
  int random_value = 0;           // 48–49
  int max_current_a = 0;          // 50–52
  std::string persistent_id;      // 53–60, probably the address
  int watchdog_current = 0;       // 61–63
  int watchdog_time = 0;          // 64–66
  int p1_deciamps = 0;            // 67–69: 0.1 A, the vehicle current on the Mini Pro 2
  int p2_deciamps = 0;            // 70–72
  int p3_deciamps = 0;            // 73–75
  char eco7_switch = '0';         // 76
  bool checksum_ok = true;        // 77–78 matched

  double p1_current_a() const { return p1_deciamps / 10.0; }
  double p2_current_a() const { return p2_deciamps / 10.0; }
  double p3_current_a() const { return p3_deciamps / 10.0; }
};
Parsed<StatusBlock> parse_status(std::string_view frame, bool strict_checksum);
// The inverse, for the board simulator and tests: a 79-character frame with a correct checksum
// (no terminator). Fields are written modulo their width.
std::string encode_status(const StatusBlock& status);

// Notes §4: V = raw / 2 / √2 × k, with k a per-unit correction (default 0.776; 0x36B ≈ 240 V).
inline constexpr double default_voltage_correction = 0.776;
double live_voltage_v(int raw, double correction_k);
// The inverse (rounded), for the simulator.
int live_voltage_raw(double voltage_v, double correction_k);

// ---- the board's state ids (notes §4, "Charger state ids") ----
enum class StateClass {
  booting,      // 0–2: start, settle time, mains self-test
  mains_fault,  // 3–4
  vehicle,      // 5–16, 18: a vehicle state
  unknown,      // 17, ≥ 19: never seen decoded; the driver keeps the last state, logs and counts
};
struct StateMeaning {
  StateClass state_class;
  VehicleState vehicle;   // unknown unless state_class is vehicle
  std::string_view name;  // the board's own name, for logs
};
// `offering_current`: whether the board is offering current now. It decides car-connected (9/10):
// waiting for the vehicle (connected) or held by us at 0 A (evse_suspended).
StateMeaning interpret_state(int state_id, bool offering_current);

}  // namespace hal::eo
