#pragma once
// A model of the EO power board as seen from its serial link, sans I/O: request bytes in, reply
// bytes out. eo-board-sim puts it behind a pty; the tests run it in-process (behind a pty or a
// MemoryTransport). It follows the protocol notes: DISCOVER (also the stray `+15CD4` form), SET
// LIMIT answered with an 80-byte status block, the board's state ids, ~240 V and 50 Hz, and the
// faults the field has seen (section 6) as switches.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "hal/eo/codec.hpp"

namespace hal::eo {

struct BoardModelConfig {
  std::string address = "000082EA";
  int firmware_version = 0x15;
  int rotary_switch = 0xF;
  int max_current_a = 32;  // status field 50–52
  double voltage_v = 240;
  int frequency_hz = 50;
  double voltage_correction_k = default_voltage_correction;
  int boot_replies = 0;  // replies spent in states 0–2 after power-up
  // Hub-silence watchdog (notes §6, unconfirmed): after this long without a SET LIMIT the board
  // applies `watchdog_current_a` on its own. nullopt = none.
  std::optional<std::chrono::milliseconds> watchdog_timeout;
  double watchdog_current_a = 32;
};

// Switches for what goes wrong on real boxes and links.
struct BoardFaults {
  bool silent = false;                 // answers nothing (cable pulled)
  bool garbage_before = false;         // line noise ahead of each reply
  bool truncate = false;               // replies cut short (no terminator)
  bool bad_checksum = false;           // replies with a wrong checksum
  std::optional<int> state_id;         // reports this id whatever the state (17, 0x2A, …)
  bool live_voltage_zero = false;      // reports a live voltage of 0
  bool crlf = false;                   // CR LF terminators instead of CR
  bool mains_fault = false;            // the supply fails: states 3/4, no pilot
  bool contactor_oscillation = false;  // with duty 000 the car cycles charging ⇄ complete
};

class BoardModel {
 public:
  explicit BoardModel(BoardModelConfig config = {});

  // Bytes from the Pi at time `now` (any clock, monotonic); returns what the board sends back.
  std::string receive(std::string_view bytes, std::chrono::milliseconds now);
  // Lets time pass without a request (the watchdog).
  void advance_to(std::chrono::milliseconds now);

  // The car.
  void plug_in() { plugged_ = true; }
  void unplug() { plugged_ = false; }
  void set_car_demand_a(double current_a) { car_demand_a_ = current_a; }
  BoardFaults& faults() { return faults_; }
  const BoardModelConfig& config() const { return config_; }

  // What the board does now.
  double applied_limit_a() const;
  int duty_limit_tenths() const { return duty_limit_; }
  int state_id() const { return state_id_; }
  double car_current_a() const;
  bool watchdog_tripped() const { return watchdog_tripped_; }
  std::size_t requests_refused() const { return refused_; }
  std::size_t lower_case_requests() const { return lower_case_; }
  StatusBlock status() const;

 private:
  std::string handle(std::string_view request, std::chrono::milliseconds now);
  std::string finish(std::string frame) const;
  void step_state();

  BoardModelConfig config_;
  BoardFaults faults_;
  std::string input_;
  bool plugged_ = false;
  double car_demand_a_ = 32;
  int duty_limit_ = 0;  // what the Pi last set (0.1 %)
  int state_id_ = 0;
  int boot_left_ = 0;
  int group_ = -1;  // the state's pair (idle, charging, …), to emit the "-start" id once
  bool was_charging_ = false;
  bool oscillation_phase_ = false;
  bool watchdog_tripped_ = false;
  std::optional<std::chrono::milliseconds> last_limit_at_;
  int uptime_ = 0;
  std::size_t refused_ = 0;
  std::size_t lower_case_ = 0;
};

}  // namespace hal::eo
