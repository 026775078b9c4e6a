#pragma once
// Heartbeat (OCPP 1.6 §4.6 / §6.30–6.31): the charge point tells the central system it is alive.
#include <string_view>

#include "ocpp/messages/json_fields.hpp"

namespace ocpp::messages {

struct HeartbeatResponse {
  DateTime currentTime;
  friend bool operator==(const HeartbeatResponse&, const HeartbeatResponse&) = default;
};
OCPP_FIELDS(HeartbeatResponse, currentTime)

struct HeartbeatRequest {
  static constexpr std::string_view action = "Heartbeat";
  using Response = HeartbeatResponse;
  friend bool operator==(const HeartbeatRequest&, const HeartbeatRequest&) = default;
};
OCPP_EMPTY_MESSAGE(HeartbeatRequest)

}  // namespace ocpp::messages
