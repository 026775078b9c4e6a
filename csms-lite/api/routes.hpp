#pragma once
// The API's endpoints, registered per area. Each area is plain code over the port (or AuthService):
// validate, call, map the answer. See openapi.json for the contract.
#include <cstddef>

#include "api/ports.hpp"
#include "api/router.hpp"
#include "auth/auth_service.hpp"

namespace csms::api {

// OCPP 1.6 §4/§5: the messages a central system initiates, i.e. what POST .../commands/{action}
// may send.
bool is_central_system_action(std::string_view action);

inline constexpr std::string_view session_cookie_name = "csms_session";
// The value of one cookie from the Cookie header(s) (RFC 6265 §5.4).
std::optional<std::string> cookie_value(const net::HttpRequest& request, std::string_view name);
// HttpOnly: scripts cannot read it (XSS); SameSite=Strict: no cross-site request carries it;
// Secure over TLS. An empty value with Max-Age=0 deletes it.
std::string session_cookie(std::string_view value, std::chrono::seconds max_age, bool secure);

void add_charger_routes(Router& router, CentralSystemPort& port, std::size_t max_body_bytes);
void add_data_routes(Router& router, CentralSystemPort& port, std::size_t max_body_bytes);
void add_plan_routes(Router& router, CentralSystemPort& port, std::size_t max_body_bytes);
void add_auth_routes(Router& router, auth::AuthService& auth, CentralSystemPort& port);

}  // namespace csms::api
