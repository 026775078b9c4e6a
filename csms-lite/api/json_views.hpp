#pragma once
// The port's values as the API's JSON (camelCase, RFC 3339 times, null for unknown), and the
// mapping of port errors onto HTTP statuses.
#include <nlohmann/json.hpp>

#include "api/api_error.hpp"
#include "api/ports.hpp"

namespace csms::api {

nlohmann::json to_json(const ChargerView& charger);
nlohmann::json to_json(const ChargerDetail& detail);
nlohmann::json to_json(const TransactionView& transaction);
nlohmann::json to_json(const AuditEntry& entry);
nlohmann::json to_json(const IdTag& tag);
nlohmann::json to_json(const SeriesPoint& point);

// NotFound 404, Conflict 409, Invalid 422, Unavailable 503.
ApiError to_api_error(const PortError& error);

// The value, or throws the mapped ApiError.
template <class T>
T value_or_throw(PortResult<T> result) {
  if (auto* error = std::get_if<PortError>(&result)) throw to_api_error(*error);
  return std::move(std::get<T>(result));
}
inline void throw_if_error(const PortStatus& status) {
  if (status) throw to_api_error(*status);
}

}  // namespace csms::api
