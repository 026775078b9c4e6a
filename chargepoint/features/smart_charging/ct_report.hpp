#pragma once
// Telling the central system what the CT clamps read (issues #6, #7): a vendor DataTransfer
// "CtReadings" every EO_CtReportIntervalS seconds with each channel's calibrated current and its
// raw reading, so that csms-lite can chart them and a person can calibrate a clamp against a clamp
// meter. The wire format is in docs/smart-charging.md ("The CtReadings DataTransfer").
//
// Rules, as for OfferedLimit: only while registered, never queued while offline (a reading is worth
// nothing later), one DataTransfer in flight, quiet towards a central system that answers
// UnknownVendorId or UnknownMessageId until the next connection. A channel whose last reading is
// older than EO_CtReadingTimeoutS is left out (never a stale value shown as live); with no fresh
// channel nothing is sent, so a box without CT clamps never sends this.
//
// For any central system, the site clamp can also go out as a standard reading (OCPP 1.6 §3.16:
// connector 0 is the main meter of the site): MeterValues on connectorId 0, Current.Import located
// at the Inlet, every MeterValueSampleInterval, when EO_CtSiteMeterValues is true. Off by default:
// Home Assistant's OCPP integration has kept one value per measurand whatever its location
// (lbbrhzn/ocpp issues #829/#830), so the house current would overwrite the car's current there.
#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/clock.hpp"
#include "common/event_loop.hpp"
#include "domain/configuration_store.hpp"
#include "hal/types.hpp"
#include "ocpp/session.hpp"

namespace chargepoint::smart_charging {

inline constexpr const char* k_ct_readings_message_id = "CtReadings";
inline constexpr const char* k_ct_report_interval_key = "EO_CtReportIntervalS";
inline constexpr const char* k_ct_site_meter_values_key = "EO_CtSiteMeterValues";

// amps = raw × scale + offset_a, as the EO driver applies it (hal/eo ct_codec).
struct CtCalibration {
  double scale = 1.0;
  double offset_a = 0.0;
};

struct CtChannelReading {
  std::string_view channel;  // "site", "solar", "vehicle"
  double current_a = 0;      // calibrated, as the limits use it
  double raw_a = 0;          // before scale and offset
};

// The DataTransfer `data` text: {"timestamp","channels":[{"channel","current_a","raw_a"}]};
// timestamp is RFC 3339 UTC (milliseconds unless whole seconds), amps rounded to 0.01 A.
std::string ct_readings_data(common::WallTime timestamp,
                             std::span<const CtChannelReading> channels);

// The MeterValues payload of the site clamp on connector 0 (two decimals, unit A, no phase: which
// phase the clamp is on is not known).
nlohmann::json site_meter_values(common::WallTime timestamp, double site_a);

// The raw reading behind a calibrated one. The driver clamps negative results to 0 A, so at a
// calibrated 0 A this is the highest raw reading that gives 0 A (never below 0).
double raw_from_calibrated(double current_a, const CtCalibration& calibration);

class CtReporter {
 public:
  // `hal_calibrates`: the driver applies the EO_Ct* keys (the EO board); the simulator does not,
  // and its readings are raw and calibrated at once.
  CtReporter(const ConfigurationStore& config, common::TimerFactory& timers,
             const common::Clock& clock, std::string vendor_id, bool hal_calibrates);

  // The registered session, or nullptr when there is none.
  void attach(ocpp::Session* session);
  // Every HAL meter sample: the CT channels it carries (nullopt: no fresh reading in it).
  void on_sample(const hal::CtReadings& ct);
  // Forwarded from ConfigurationStore::on_change: a new interval applies at once.
  void configuration_changed(std::string_view key);

  // The channels that would be reported now (fresh ones only), in the order site, solar, vehicle.
  std::vector<CtChannelReading> fresh_readings() const;
  std::size_t sent() const { return sent_; }

 private:
  struct Latest {
    double current_a = 0;
    CtCalibration calibration;  // in force when the driver produced this reading
    common::WallTime at;
  };
  CtCalibration calibration_of(std::size_t channel) const;
  void schedule();
  void tick();
  void schedule_meter_values();
  void send_meter_values();
  void send(std::vector<CtChannelReading> channels, common::WallTime newest);

  const ConfigurationStore& config_;
  const common::Clock& clock_;
  std::string vendor_id_;
  bool hal_calibrates_;
  std::unique_ptr<common::Timer> timer_;
  std::unique_ptr<common::Timer> meter_timer_;
  ocpp::Session* session_ = nullptr;
  std::uint64_t generation_ = 0;  // one per attach: answers from an older session are ignored
  bool unsupported_ = false;
  bool in_flight_ = false;
  std::array<std::optional<Latest>, 3> latest_;  // site, solar, vehicle
  std::size_t sent_ = 0;
};

}  // namespace chargepoint::smart_charging
