#pragma once
// Telling the central system what the box offers and why (issue #5): a vendor DataTransfer
// "OfferedLimit" whenever the offer, its source or what is known about its next change changes.
// Any central system can take it or leave it: one that answers UnknownVendorId or UnknownMessageId
// hears no more of it on that connection. The wire format is in docs/smart-charging.md.
//
// Rules: at most one message per second whatever the CT samples do (the newest state wins), one
// DataTransfer in flight at a time, nothing queued while offline (only the present matters: on
// connecting, the present offer is sent, unless it is the idle "0 A, no transaction" a central
// system assumes anyway).
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "common/clock.hpp"
#include "common/event_loop.hpp"
#include "domain/configuration_store.hpp"
#include "domain/limits/limit.hpp"
#include "ocpp/session.hpp"

namespace chargepoint::smart_charging {

struct OfferReport {
  int connector_id = 1;
  limits::Limit limit{0.0, 1, limits::LimitSource::None};
  // When the composed offer changes next, as far as the schedules tell (not the CTs).
  std::optional<common::WallTime> next_change;
  // Why, when the source alone does not say it (a stale CT, a held resume); empty otherwise.
  std::string detail;
  friend bool operator==(const OfferReport&, const OfferReport&) = default;
};

inline constexpr const char* k_offered_limit_message_id = "OfferedLimit";
inline constexpr const char* k_offered_limit_report_key = "EO_OfferedLimitReport";

// The DataTransfer `data` text: {"connectorId","limit_a","source","phases","next_change"?,
// "detail"?}; next_change is RFC 3339 UTC, rounded up to the second.
std::string offered_limit_data(const OfferReport& report);

class OfferReporter {
 public:
  static constexpr std::chrono::milliseconds k_min_interval{1000};

  OfferReporter(const ConfigurationStore& config, common::TimerFactory& timers,
                const common::Clock& clock, std::string vendor_id);

  // The registered session, or nullptr when there is none.
  void attach(ocpp::Session* session);
  void offer_changed(const OfferReport& report);
  // Forwarded from ConfigurationStore::on_change: switching the report on sends the present.
  void configuration_changed(std::string_view key);

  std::size_t sent() const { return sent_; }

 private:
  bool enabled() const;
  void send_if_due();
  void send();

  const ConfigurationStore& config_;
  const common::Clock& clock_;
  std::string vendor_id_;
  std::unique_ptr<common::Timer> delay_timer_;
  ocpp::Session* session_ = nullptr;
  std::uint64_t generation_ = 0;  // one per attach: answers from an older session are ignored
  // The central system of this session does not know our vendor or message: quiet until the next.
  bool unsupported_ = false;
  bool in_flight_ = false;
  std::optional<OfferReport> latest_;
  std::optional<OfferReport> last_sent_;  // on this session
  std::optional<common::WallTime> last_sent_at_;
  std::size_t sent_ = 0;
};

}  // namespace chargepoint::smart_charging
