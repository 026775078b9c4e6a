#pragma once
// Core profile, configuration and cache: ChangeConfiguration, GetConfiguration and ClearCache
// (OCPP 1.6 §5.3, §5.8, §5.4).
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ocpp/messages/json_fields.hpp"

namespace ocpp::messages {

// --- ChangeConfiguration -------------------------------------------------------------------------

// OCPP 1.6 §7 ConfigurationStatus.
enum class ConfigurationStatus { Accepted, Rejected, RebootRequired, NotSupported };
template <>
struct EnumNames<ConfigurationStatus> {
  static constexpr auto names = std::to_array<std::pair<ConfigurationStatus, std::string_view>>({
      {ConfigurationStatus::Accepted, "Accepted"},
      {ConfigurationStatus::Rejected, "Rejected"},
      {ConfigurationStatus::RebootRequired, "RebootRequired"},
      {ConfigurationStatus::NotSupported, "NotSupported"},
  });
};

struct ChangeConfigurationResponse {
  ConfigurationStatus status = ConfigurationStatus::Rejected;
  friend bool operator==(const ChangeConfigurationResponse&,
                         const ChangeConfigurationResponse&) = default;
};
OCPP_FIELDS(ChangeConfigurationResponse, status)

struct ChangeConfigurationRequest {
  static constexpr std::string_view action = "ChangeConfiguration";
  using Response = ChangeConfigurationResponse;

  std::string key;  // at most 50 characters
  std::string
      value;  // always a string on the wire, whatever the key's type; at most 500 characters
  friend bool operator==(const ChangeConfigurationRequest&,
                         const ChangeConfigurationRequest&) = default;
};
OCPP_FIELDS(ChangeConfigurationRequest, key, value)

// --- GetConfiguration ----------------------------------------------------------------------------

// OCPP 1.6 §7 KeyValue.
struct KeyValue {
  std::string key;
  bool readonly = false;
  // Absent when the key has no value. The spec says at most 500 characters, the schema allows 1000.
  std::optional<std::string> value;
  friend bool operator==(const KeyValue&, const KeyValue&) = default;
};
OCPP_FIELDS(KeyValue, key, readonly, value)

struct GetConfigurationResponse {
  std::optional<std::vector<KeyValue>> configurationKey;
  std::optional<std::vector<std::string>>
      unknownKey;  // requested keys the charge point does not know
  friend bool operator==(const GetConfigurationResponse&,
                         const GetConfigurationResponse&) = default;
};
OCPP_FIELDS(GetConfigurationResponse, configurationKey, unknownKey)

struct GetConfigurationRequest {
  static constexpr std::string_view action = "GetConfiguration";
  using Response = GetConfigurationResponse;

  std::optional<std::vector<std::string>> key;  // absent or empty: report every key
  friend bool operator==(const GetConfigurationRequest&, const GetConfigurationRequest&) = default;
};
OCPP_FIELDS(GetConfigurationRequest, key)

// --- ClearCache ----------------------------------------------------------------------------------

// OCPP 1.6 §7 ClearCacheStatus.
enum class ClearCacheStatus { Accepted, Rejected };
template <>
struct EnumNames<ClearCacheStatus> {
  static constexpr auto names = std::to_array<std::pair<ClearCacheStatus, std::string_view>>({
      {ClearCacheStatus::Accepted, "Accepted"},
      {ClearCacheStatus::Rejected, "Rejected"},
  });
};

struct ClearCacheResponse {
  ClearCacheStatus status = ClearCacheStatus::Rejected;
  friend bool operator==(const ClearCacheResponse&, const ClearCacheResponse&) = default;
};
OCPP_FIELDS(ClearCacheResponse, status)

struct ClearCacheRequest {
  static constexpr std::string_view action = "ClearCache";
  using Response = ClearCacheResponse;
  friend bool operator==(const ClearCacheRequest&, const ClearCacheRequest&) = default;
};
OCPP_EMPTY_MESSAGE(ClearCacheRequest)

}  // namespace ocpp::messages
