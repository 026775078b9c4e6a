#pragma once
// hal::Charger for the EO Smart Home Hub and Mini Pro 2 power board (docs/eo-board.md).
//
// One exchange at a time on the transport: DISCOVER until the board gives its address, then a SET
// LIMIT every poll interval (each is also the status poll: notes §3). A SET LIMIT also goes out at
// once when the duty to send changes, so a lower limit is never held back until the next poll.
// Events are delivered from transport callbacks and timers only, never inside a command call.
//
// Link watchdog: `missed_replies_before_link_lost` consecutive polls without a valid reply raise
// on_link_lost; the readings are then withheld (vehicle_state() unknown, last_sample() nullopt) and
// polling goes on; after `missed_replies_before_reopen` the transport is reopened (bridge reset and
// re-initialised) and the address re-discovered. The first valid status ends it: on_link_restored,
// a fresh state and a sample; that same exchange already carried the current limit.
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "common/event_loop.hpp"
#include "hal/charger.hpp"
#include "hal/eo/codec.hpp"
#include "hal/eo/ct_bus_poller.hpp"
#include "hal/eo/ct_codec.hpp"
#include "hal/eo/ct_meter.hpp"
#include "hal/eo/ct_tracker.hpp"
#include "hal/eo/framer.hpp"
#include "hal/eo/transport.hpp"

namespace hal::eo {

// CT clamps (notes §5; docs/eo-board.md, "CT clamps"). Either the Hub's 9600-baud device on the
// board's bus (`on_board_bus`) or a CtMeter given to the constructor (the Mini Pro 2's ADE7858).
struct EoCtSettings {
  CtChannels channels;        // the clamps installed; none by default
  bool on_board_bus = false;  // the Hub: query the CT device between board polls
  CtBusSettings bus;
  // Consecutive misses before a channel's reading is left out of the samples.
  int misses_before_stale = 2;
  // Once every channel is stale, the bus device is only tried this often (each try costs the
  // bus up to 4 × bus.reply_timeout).
  std::chrono::milliseconds retry_interval{10000};
  std::array<CtCalibration, 3> calibration{};  // by index_of(CtChannel)
};

struct EoBoardSettings {
  std::string description = "EO power board";  // Capabilities::description
  double min_current_a = 6;                    // IEC 61851 pilot minimum
  double max_current_a = 32;                   // the box's rating; the board's own maximum
                                               // (status field 50–52) clamps further
  int phases = 1;
  std::chrono::milliseconds poll_interval{1000};
  // 80 bytes take ~7 ms at 115200 baud; the rest is margin for a busy Pi.
  std::chrono::milliseconds reply_timeout{250};
  int missed_replies_before_link_lost = 3;
  int missed_replies_before_reopen = 6;
  bool strict_checksum = false;  // reply checksums are unconfirmed (notes §2): counted, not refused
  double voltage_correction_k = default_voltage_correction;
  // Board hazard (notes §6): some cars cycle their contactor when duty flips to 000 and back. A
  // pause is always sent at once; re-offering current after a pause waits until this long after
  // the pause began. See docs/eo-board.md, "Why only re-enabling is delayed".
  std::chrono::milliseconds min_pause_before_resume{30000};
  // The energy register's starting value (the daemon persists it across restarts).
  double initial_energy_wh = 0;
  EoCtSettings ct;
};

// Throws std::invalid_argument naming the first out-of-range field (start-up only).
void validate(const EoBoardSettings& settings);

struct EoBoardCounters {
  std::size_t requests_sent = 0;
  std::size_t status_replies = 0;
  std::size_t missed_replies = 0;     // timeouts, malformed and refused replies
  std::size_t malformed_replies = 0;  // framing or field errors
  std::size_t checksum_mismatches = 0;
  std::size_t unknown_state_ids = 0;
  std::size_t unexpected_bytes = 0;  // replies with no request outstanding (late or unasked)
  std::size_t transport_errors = 0;
  std::size_t reopens = 0;
  std::size_t resumes_delayed = 0;  // re-enables held back by min_pause_before_resume
  std::size_t implausible_board_maximum = 0;
  std::size_t limit_not_echoed = 0;  // status field 29–31 differs from the duty just sent
};

class EoBoard final : public Charger {
 public:
  // `timers` drives polling and timeouts; `clock` measures the time between samples for the
  // energy register; `transport` is opened by start() (see make_transport in board_setup.hpp);
  // `ct_meter`, if any, is read for settings.ct.channels at every sample.
  EoBoard(common::TimerFactory& timers, const common::Clock& clock,
          std::unique_ptr<Transport> transport, EoBoardSettings settings = {},
          std::unique_ptr<CtMeter> ct_meter = {});
  ~EoBoard() override;
  EoBoard(const EoBoard&) = delete;
  EoBoard& operator=(const EoBoard&) = delete;

  // hal::Charger
  const Capabilities& capabilities() const override { return capabilities_; }
  void set_listener(ChargerEvents* listener) override { listener_ = listener; }
  void start() override;
  void stop() override;
  void offer_current(double current_a) override;
  void set_enabled(bool enabled) override;
  UnlockResult unlock_connector() override { return UnlockResult::not_supported; }
  bool link_up() const override { return running_ && link_up_; }
  VehicleState vehicle_state() const override;
  std::optional<MeterSample> last_sample() const override;
  std::vector<Fault> active_faults() const override { return faults_; }
  double requested_current_a() const override { return requested_a_; }

  // Diagnostics.
  const EoBoardCounters& counters() const { return counters_; }
  const FramerCounters& framer_counters() const { return framer_.counters(); }
  const std::optional<StatusBlock>& last_status() const { return last_status_; }
  const std::string& address() const { return address_; }
  bool exchange_in_flight() const { return pending_ != Pending::none; }
  // The duty (0.1 %) of the last SET LIMIT written.
  std::optional<int> last_duty_sent() const { return last_duty_sent_; }

  // CT calibration, applied from the next sample on. The error names the channel and the bound.
  std::optional<std::string> set_ct_calibration(CtChannel channel, const CtCalibration& value);
  const CtTracker& ct() const { return ct_; }
  // Null unless settings.ct.on_board_bus.
  const CtBusPoller* ct_bus() const { return ct_bus_.get(); }

 private:
  enum class Pending { none, discover, status, ct };
  bool open_transport();
  void on_poll_timer();
  void send_next(bool tick);
  void send_discover();
  void send_set_limit(bool tick);
  void send_what_is_wanted();
  void start_ct_cycle();
  void ct_cycle_done();
  void read_ct_meter();
  void on_bytes(std::string_view bytes);
  void on_transport_error(std::error_code error);
  void on_reply_timeout();
  void handle_frame(const FramedReply& reply);
  void handle_status(const StatusBlock& status);
  void exchange_failed(const std::string& why);
  int duty_to_send();
  void limit_changed();
  void update_faults(const StatusBlock& status, const StateMeaning& meaning);
  MeterSample make_sample(const StatusBlock& status);
  double board_maximum_a(const StatusBlock& status);

  common::TimerFactory& timers_;
  const common::Clock& clock_;
  std::unique_ptr<Transport> transport_;
  EoBoardSettings settings_;
  Capabilities capabilities_;
  ChargerEvents* listener_ = nullptr;
  std::unique_ptr<common::Timer> poll_timer_;
  std::unique_ptr<common::Timer> reply_timer_;
  std::unique_ptr<common::Timer> resume_timer_;  // armed while a re-enable must wait
  ReplyFramer framer_;
  EoBoardCounters counters_;
  CtTracker ct_;
  std::unique_ptr<CtMeter> ct_meter_;
  std::unique_ptr<CtBusPoller> ct_bus_;
  std::unique_ptr<common::Timer> ct_retry_timer_;  // armed while a silent CT device rests
  bool ct_due_ = false;                            // a poll happened since the last CT cycle

  bool running_ = false;
  bool enabled_ = true;
  double requested_a_ = 0;
  std::string address_;
  Pending pending_ = Pending::none;
  bool pending_tick_ = false;   // the outstanding exchange is a poll (it yields a sample)
  bool resend_wanted_ = false;  // the duty changed while an exchange was outstanding
  bool tick_wanted_ = false;    // a poll came due while an exchange was outstanding
  int consecutive_misses_ = 0;
  std::optional<int> last_duty_sent_;
  double board_max_a_ = 0;  // the board's reported maximum, 0 until known

  // What the listener has been told; the queries answer from here.
  bool link_up_ = true;
  bool state_reported_ = false;
  VehicleState reported_state_ = VehicleState::unknown;
  std::vector<Fault> faults_;
  std::optional<MeterSample> last_sample_;
  std::optional<StatusBlock> last_status_;
  int last_unknown_state_id_ = -1;
  double energy_wh_ = 0;
  std::optional<common::WallTime> last_reply_at_;
  double last_power_w_ = 0;
};

}  // namespace hal::eo
