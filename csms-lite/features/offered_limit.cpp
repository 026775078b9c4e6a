#include "features/offered_limit.hpp"

#include <cmath>

#include <nlohmann/json.hpp>

namespace csms {

std::optional<OfferedLimitParse> parse_offered_limit(
    const ocpp::messages::DataTransferRequest& request) {
  if (request.vendorId != k_openeo_vendor_id || request.messageId != k_offered_limit_message_id)
    return std::nullopt;
  OfferedLimitParse parsed;
  const auto data = nlohmann::json::parse(request.data.value_or(""), nullptr, false);
  if (!data.is_object()) {
    parsed.error = "data is not a JSON object";
    return parsed;
  }
  const auto connector = data.find("connectorId");
  const auto limit = data.find("limit_a");
  const auto source = data.find("source");
  const auto phases = data.find("phases");
  const auto optional_text = [&data](const char* key) -> std::optional<std::string> {
    const auto it = data.find(key);
    if (it == data.end() || !it->is_string() || it->get_ref<const std::string&>().size() > 200)
      return std::nullopt;
    return it->get<std::string>();
  };
  if (connector == data.end() || !connector->is_number_integer() ||
      connector->get<std::int64_t>() < 0 || connector->get<std::int64_t>() > 1000) {
    parsed.error = "connectorId must be an integer from 0";
  } else if (limit == data.end() || !limit->is_number() || !std::isfinite(limit->get<double>()) ||
             limit->get<double>() < 0 || limit->get<double>() > 1000) {
    parsed.error = "limit_a must be a number of amperes from 0 to 1000";
  } else if (source == data.end() || !source->is_string() ||
             source->get_ref<const std::string&>().empty() ||
             source->get_ref<const std::string&>().size() > 50) {
    parsed.error = "source must be a non-empty string of at most 50 characters";
  } else if (phases != data.end() && !phases->is_null() &&
             (!phases->is_number_integer() || phases->get<std::int64_t>() < 1 ||
              phases->get<std::int64_t>() > 3)) {
    parsed.error = "phases must be 1, 2 or 3 when given";
  } else {
    parsed.report = OfferedLimitReport{connector->get<int>(),
                                       limit->get<double>(),
                                       source->get<std::string>(),
                                       phases != data.end() && !phases->is_null()
                                           ? std::optional<int>(phases->get<int>())
                                           : std::nullopt,
                                       optional_text("next_change"),
                                       optional_text("detail")};
  }
  return parsed;
}

}  // namespace csms
