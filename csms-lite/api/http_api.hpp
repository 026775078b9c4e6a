#pragma once
// csms-lite's HTTP front: /api/* through the router (with authentication, CSRF and Origin checks),
// /metrics, and everything else to the static web UI. What is public: the login/setup pages and
// their API (GET/POST /api/session, POST /api/setup), the UI's static files, /metrics when so
// configured, and the OCPP WebSocket endpoint (which the listener handles before this).
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "api/event_stream.hpp"
#include "api/metrics.hpp"
#include "api/ports.hpp"
#include "api/request_parsing.hpp"
#include "api/router.hpp"
#include "auth/auth_service.hpp"
#include "csms/net/http.hpp"

namespace csms::api {

struct ApiOptions {
  MetricsAccess metrics = MetricsAccess::Public;
  std::size_t max_body_bytes = default_max_body_bytes;
  // Origins allowed for state-changing browser requests besides the request's own
  // "http(s)://<Host>" (e.g. "https://csms.example.org" behind a reverse proxy).
  std::vector<std::string> trusted_origins;
};

// The log line main writes for every new setup code: "first start: set the admin password at
// <base_url>/setup?code=<code> (the link works once, until <RFC 3339 time>)". `base_url` such as
// "http://192.168.1.10:8080", without a trailing slash.
std::string setup_link_message(std::string_view base_url, const auth::SetupCode& code);

class HttpApi final : public net::HttpHandler {
 public:
  // All references must outlive the HttpApi.
  HttpApi(CentralSystemPort& port, auth::AuthService& auth, EventHub& events,
          net::HttpHandler& files, ApiOptions options = {});

  // Synchronous use (tests, tools): a deferred or streamed answer becomes a 500 here.
  net::HttpResponse handle(const net::HttpRequest& request) override;
  void handle_async(const net::HttpRequest& request,
                    std::shared_ptr<net::HttpResponder> responder) override;

  const Router& router() const { return router_; }

 private:
  void serve_api(const net::HttpRequest& request, std::string_view path, std::string_view query,
                 const Responder& responder);
  void serve_metrics(const net::HttpRequest& request, const Responder& responder);
  std::optional<auth::Principal> authenticate(const net::HttpRequest& request);
  void check_origin(const net::HttpRequest& request) const;
  void add_own_routes();

  CentralSystemPort& port_;
  auth::AuthService& auth_;
  EventHub& events_;
  net::HttpHandler& files_;
  ApiOptions options_;
  Router router_;
};

}  // namespace csms::api
