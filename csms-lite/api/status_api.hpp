#pragma once
// The first piece of csms-lite's HTTP API: read-only status of the charge points, for the placeholder
// page. Everything else under /api/ is 404 (JSON); other paths go to the static web UI.
#include "csms/net/http.hpp"
#include "csms/net/static_files.hpp"
#include "registry/charge_point_registry.hpp"

namespace csms {

nlohmann::json charge_point_json(const ChargePointRecord& record);

class StatusApi final : public net::HttpHandler {
 public:
  StatusApi(const ChargePointRegistry& registry, net::HttpHandler& files) : registry_(registry), files_(files) {}
  net::HttpResponse handle(const net::HttpRequest& request) override;

 private:
  const ChargePointRegistry& registry_;
  net::HttpHandler& files_;
};

}  // namespace csms
