#pragma once
// GetCompositeSchedule (OCPP 1.6 §5.7): what the connector (0: the whole box) is expected to
// get from the receipt of the request for `duration` seconds, computed by the same compose() the
// governor uses.
#include <span>

#include "common/clock.hpp"
#include "domain/limits/compose.hpp"
#include "domain/limits/stacking.hpp"
#include "ocpp/messages/smart_charging.hpp"

namespace chargepoint::limits {

struct CompositeInputs {
  std::span<const InstalledProfile> profiles;
  std::span<const ConnectorContext> connectors;  // every connector the box has (ids > 0)
  BoxRating box;
  TxProfileEnd tx_profile_end = TxProfileEnd::KeepsOverruling;
  // Local layers the governor knows (a site-load cap, a manual cap, a local schedule), applied to
  // every connector; solar is best left out, being no forecast.
  std::span<const Layer> local_layers;
};

// Rejected for a connector that is neither 0 nor in `connectors`, and for a negative duration.
// Otherwise Accepted with: startSchedule = scheduleStart = the receipt time truncated to the second
// (periods are whole seconds, OCPP 1.6 §7.14), duration = the requested one, the unit forced by
// chargingRateUnit (A when absent), periods relative to startSchedule, equal neighbours merged
// (MergeRule::SameLimit), every limit truncated to one decimal, numberPhases always given. Gaps in
// every layer show the hardware maximum. Connector 0 is the sum over the connectors, capped by the
// ChargePointMaxProfile and the hardware maximum. W = A × nominal voltage × phases.
ocpp::messages::GetCompositeScheduleResponse composite_schedule(
    const ocpp::messages::GetCompositeScheduleRequest& request, common::WallTime received_at,
    const CompositeInputs& inputs);

// The offered schedule for one connector (> 0): compose() of hardware, ChargePointMax, the plan
// and the local layers. The governor calls this with its live layers (solar, site load) too.
Schedule connector_offer(const CompositeInputs& inputs, const ConnectorContext& connector,
                         common::WallTime now, common::WallTime from, std::chrono::seconds horizon);

}  // namespace chargepoint::limits
