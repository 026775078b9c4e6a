#pragma once
// csms-lite's answers to every charge-point-initiated OCPP 1.6 message (OCPP 1.6 §4), for one
// charge point: each updates the live state (ChargePointState), stores what must be kept
// (transactions and boots at once, the rest through the write buffer) and raises the events the API
// streams.
#include <chrono>
#include <functional>

#include <nlohmann/json.hpp>

#include "common/clock.hpp"
#include "ocpp/messages/common_types.hpp"
#include "ocpp/router.hpp"
#include "registry/charge_point_registry.hpp"
#include "store/store.hpp"

namespace csms {

enum class UnknownIdTags { Invalid, Accept };

struct CentralSystemSettings {
  std::chrono::seconds heartbeat_interval{300};
  // OCPP 1.6 §4.2: the interval in a Pending/Rejected BootNotification answer is when to boot
  // again.
  std::chrono::seconds boot_retry_interval{60};
  // Invalid: only tags in the id tag table are accepted. Accept: any tag (a home charger without
  // badges; the tag is still recorded with each transaction).
  UnknownIdTags unknown_id_tags = UnknownIdTags::Invalid;
};

using EventHook = std::function<void(const nlohmann::json&)>;

struct MessageContext {
  ChargePointRecord& record;
  store::Store& store;
  const common::Clock& clock;
  const CentralSystemSettings& settings;
  EventHook emit;  // may be empty
  // Called from the BootNotification handler of an Accepted or Pending charge point, before the
  // answer is sent: it may only post work to the loop (e.g. reading the configuration afterwards).
  std::function<void()> on_booted;
};

void register_charge_point_messages(ocpp::Router& router, MessageContext context);

// The OCPP authorization of `id_tag` from the id tag table (OCPP 1.6 §7.15).
ocpp::messages::IdTagInfo authorize_id_tag(store::Store& store,
                                           const CentralSystemSettings& settings,
                                           const std::string& id_tag, common::WallTime now);

std::int64_t unix_ms(const ocpp::DateTime& time);
std::int64_t unix_ms(common::WallTime time);
ocpp::DateTime date_time(common::WallTime time);

}  // namespace csms
