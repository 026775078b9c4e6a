#pragma once
// Which installed OCPP profiles limit a connector, instant by instant (OCPP 1.6 §3.13.1 purposes,
// §3.13.2 stacking). The result is two layers for the composer: the ChargePointMax cap and the
// plan. See docs/smart-charging.md for the rules and the reading of the OCA test cases behind them.
#include <chrono>
#include <optional>
#include <span>

#include "common/clock.hpp"
#include "domain/limits/limit.hpp"
#include "domain/limits/profile_schedule.hpp"

namespace chargepoint::limits {

struct ConnectorContext {
  int connector_id = 1;
  // Set while a transaction runs on the connector (Relative profiles start here).
  std::optional<common::WallTime> transaction_start;
  // The central system's id for it, once StartTransaction.conf gave one.
  std::optional<int> transaction_id;
};

// What the plan is once the TxProfiles' schedules have ended but the transaction runs on.
// KeepsOverruling: OCPP 1.6 §3.13.1, a TxProfile "SHALL overrule the default charging profile with
// purpose TxDefaultProfile for the duration of the current transaction only", which is what the OCA
// test TC_066 expects (`0:8, 50:10, 200:6, 240:10`). FallsBackToTxDefault: the TxDefault applies
// again
// (`…, 260:8, 300:10` in TC_066), as some implementations and central systems expect.
enum class TxProfileEnd { KeepsOverruling, FallsBackToTxDefault };

// True when `at` lies in [validFrom, validTo) (OCPP 1.6 §7.8; absent bounds are open).
bool within_validity(const ocpp::messages::ChargingProfile& profile, common::WallTime at);

// Stacking within one group of profiles of the same purpose: at each instant the highest stackLevel
// that is within its validity window AND has a period covering that instant sets the limit; where
// its schedule has not started or has ended (duration), the next lower level applies (OCPP 1.6
// §3.13.2, as the OCA test TC_072 checks: `0:7, 100:9, 150:8, 200:10`).
Schedule stack_profiles(std::span<const InstalledProfile* const> group,
                        const ExpandContext& context, common::WallTime from,
                        std::chrono::seconds horizon);

struct OcppLayers {
  Schedule charge_point_max;  // cap: ChargePointMaxProfiles on connector 0, stacked
  Schedule plan;              // the prevailing TxProfile, else TxDefaultProfile, stacked
};

// The layers for one connector (> 0; for 0 the plan is the connector-0 TxDefault).
// - ChargePointMaxProfile counts only on connector 0 and caps every connector.
// - TxDefaultProfile: at an instant where a TxDefault installed on this connector is within its
//   validity window, the connector's own TxDefaults replace those of connector 0 (OCPP 1.6 §3.13.1:
//   "the TxDefaultProfile SHALL be replaced only for that specific connector").
// - TxProfile: only while a transaction runs on the connector, and only one for that transaction
//   (matching transactionId, or none: one that came with RemoteStartTransaction). Where any such
//   profile is within its validity window, the TxDefaults do not count (see TxProfileEnd).
// `now` is "now" for Relative profiles outside a transaction.
OcppLayers ocpp_layers(std::span<const InstalledProfile> profiles,
                       const ConnectorContext& connector, const BoxRating& box,
                       common::WallTime now, TxProfileEnd tx_profile_end, common::WallTime from,
                       std::chrono::seconds horizon);

}  // namespace chargepoint::limits
