#pragma once
// Who may charge (OCPP 1.6 §3.5, §4.1, §5.4 and the keys AuthorizationCacheEnabled,
// LocalPreAuthorize, LocalAuthorizeOffline, AllowOfflineTxForUnknownId). Online, the central system
// decides (Authorize), or the cache at once when LocalPreAuthorize is on; offline, the cache and
// the offline rules decide.
#include <functional>
#include <string>
#include <string_view>

#include "common/clock.hpp"
#include "domain/configuration_store.hpp"
#include "domain/persistence_ports.hpp"
#include "ocpp/messages/common_types.hpp"
#include "ocpp/router.hpp"
#include "ocpp/session.hpp"

namespace chargepoint::core {

struct AuthDecision {
  ocpp::messages::IdTagInfo info;
  std::string_view source;  // for the log: "central system", "cache", "offline rule", ...
  bool accepted() const { return info.status == ocpp::messages::AuthorizationStatus::Accepted; }
};

class Authorizer {
 public:
  using Done = std::function<void(const AuthDecision&)>;

  Authorizer(ConfigurationStore& config, AuthCache& cache, const common::Clock& clock);

  // The session while registered, else nullptr (offline rules apply).
  void attach(ocpp::Session* session) { session_ = session; }
  // Decides on an idTag; `done` runs exactly once, possibly before authorize() returns.
  void authorize(const std::string& id_tag, Done done);
  // What the central system said of an idTag in any answer (Authorize, StartTransaction,
  // StopTransaction).
  void remember(const std::string& id_tag, const ocpp::messages::IdTagInfo& info);
  // ClearCache (§5.4).
  void register_handlers(ocpp::Router& router);

 private:
  // The cached status with expiry applied, or nullopt when not cached (or the cache is off).
  std::optional<ocpp::messages::IdTagInfo> cached(const std::string& id_tag);
  AuthDecision offline(const std::string& id_tag);

  ConfigurationStore& config_;
  AuthCache& cache_;
  const common::Clock& clock_;
  ocpp::Session* session_ = nullptr;
};

}  // namespace chargepoint::core
