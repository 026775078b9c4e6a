#pragma once
// csms-lite's answers to every charge-point-initiated OCPP 1.6 message (OCPP 1.6 §4), for one charge point.
#include <chrono>
#include <cstdint>
#include <functional>

#include "ocpp/router.hpp"
#include "registry/charge_point_registry.hpp"

namespace csms {

struct CentralSystemSettings {
  std::chrono::seconds heartbeat_interval{300};
};

// Transaction ids are unique across all charge points of this central system.
class TransactionIds {
 public:
  int next() { return ++last_; }

 private:
  int last_ = 0;
};

// `on_booted` is called from the BootNotification handler, before the answer is sent: it may only post
// work to the loop (e.g. reading the charge point's configuration once the answer is out).
void register_charge_point_messages(ocpp::Router& router, ChargePointRecord& record, TransactionIds& transactions,
                                    const CentralSystemSettings& settings, std::function<void()> on_booted);

}  // namespace csms
