#include "features/core/authorization.hpp"

#include <spdlog/spdlog.h>

#include "ocpp/messages/core_configuration.hpp"
#include "ocpp/messages/core_transaction.hpp"

namespace chargepoint::core {

using ocpp::messages::AuthorizationStatus;
using ocpp::messages::IdTagInfo;

namespace {

AuthDecision decision(AuthorizationStatus status, std::string_view source) {
  AuthDecision d;
  d.info.status = status;
  d.source = source;
  return d;
}

}  // namespace

Authorizer::Authorizer(ConfigurationStore& config, AuthCache& cache, const common::Clock& clock)
    : config_(config), cache_(cache), clock_(clock) {
  // §3.5.1: with the cache switched off, what it held must not authorise anyone later.
  config_.on_change([this](std::string_view key, const std::string& value) {
    if (key == "AuthorizationCacheEnabled" && value == "false") cache_.clear();
  });
}

std::optional<IdTagInfo> Authorizer::cached(const std::string& id_tag) {
  if (!config_.get_bool("AuthorizationCacheEnabled")) return std::nullopt;
  const auto entry = cache_.find(id_tag);
  if (!entry) return std::nullopt;
  IdTagInfo info;
  info.status = ocpp::messages::enum_from_string<AuthorizationStatus>(entry->status)
                    .value_or(AuthorizationStatus::Invalid);
  info.parentIdTag = entry->parent_id_tag;
  if (entry->expiry) {
    info.expiryDate =
        ocpp::DateTime(std::chrono::time_point_cast<std::chrono::milliseconds>(*entry->expiry));
    // §3.5.1: an entry past its expiry date counts as Expired.
    if (*entry->expiry <= clock_.now() && info.status == AuthorizationStatus::Accepted) {
      info.status = AuthorizationStatus::Expired;
    }
  }
  return info;
}

AuthDecision Authorizer::offline(const std::string& id_tag) {
  if (const auto info = cached(id_tag)) {
    if (config_.get_bool("LocalAuthorizeOffline") ||
        info->status != AuthorizationStatus::Accepted) {
      return {*info, "cache (offline)"};
    }
  } else if (config_.get_bool("AllowOfflineTxForUnknownId")) {
    return decision(AuthorizationStatus::Accepted, "offline, unknown ids allowed");
  }
  return decision(AuthorizationStatus::Invalid, "offline, not authorised locally");
}

void Authorizer::authorize(const std::string& id_tag, Done done) {
  auto finish = [id_tag, done = std::move(done)](const AuthDecision& d) {
    spdlog::info("authorization: '{}' is {} ({})", id_tag, ocpp::messages::to_string(d.info.status),
                 d.source);
    done(d);
  };
  if (session_ == nullptr) return finish(offline(id_tag));
  if (config_.get_bool("LocalPreAuthorize")) {
    if (const auto info = cached(id_tag); info && info->status == AuthorizationStatus::Accepted) {
      return finish({*info, "cache"});
    }
  }
  ocpp::messages::AuthorizeRequest request;
  request.idTag = id_tag;
  session_->call(request, [this, id_tag, finish](
                              const ocpp::CallOutcome<ocpp::messages::AuthorizeResponse>& answer) {
    if (!answer.ok()) return finish(offline(id_tag));  // §4.1: no answer = treat as offline
    remember(id_tag, answer.value().idTagInfo);
    finish({answer.value().idTagInfo, "central system"});
  });
}

void Authorizer::remember(const std::string& id_tag, const IdTagInfo& info) {
  if (!config_.get_bool("AuthorizationCacheEnabled")) return;
  CachedIdTag entry;
  entry.status = std::string(ocpp::messages::to_string(info.status));
  entry.parent_id_tag = info.parentIdTag;
  if (info.expiryDate) entry.expiry = info.expiryDate->time_point();
  cache_.put(id_tag, entry);
}

void Authorizer::register_handlers(ocpp::Router& router) {
  router.on<ocpp::messages::ClearCacheRequest>([this](const ocpp::messages::ClearCacheRequest&) {
    cache_.clear();
    spdlog::info("authorization cache cleared by the central system");
    return ocpp::messages::ClearCacheResponse{ocpp::messages::ClearCacheStatus::Accepted};
  });
}

}  // namespace chargepoint::core
