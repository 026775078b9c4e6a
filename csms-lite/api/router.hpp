#pragma once
// Method + path pattern → handler. Patterns are literal segments and {parameters}:
// "/api/chargers/{id}/commands/{action}". Parameters are percent-decoded single segments. No match
// for the path: 404; a match for the path but not the method: 405 with Allow (RFC 9110 §15.5.6).
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "api/api_error.hpp"
#include "api/request_parsing.hpp"
#include "auth/auth_service.hpp"
#include "csms/net/http.hpp"

namespace csms::api {

enum class Access {
  Public,  // anyone (login, setup, the session probe)
  User,    // a logged-in session or a Bearer API token
};

struct ApiRequest {
  const net::HttpRequest& http;
  std::map<std::string, std::string, std::less<>> params;  // from the path, decoded
  Query query;
  std::optional<auth::Principal> principal;  // set for Access::User routes

  const std::string& param(std::string_view name) const;
  // Who did it, for the audit log: "admin" or "token:<id>".
  std::string actor() const;
};

using Responder = std::shared_ptr<net::HttpResponder>;
using SyncHandler = std::function<net::HttpResponse(ApiRequest&)>;
using AsyncHandler = std::function<void(ApiRequest&, Responder)>;

struct Route {
  std::string method;
  std::string pattern;
  Access access;
  AsyncHandler handler;
  std::vector<std::string> segments;  // "{name}" for a parameter
};

struct RouteMatch {
  const Route* route;
  std::map<std::string, std::string, std::less<>> params;
};

class Router {
 public:
  void add(std::string method, std::string pattern, Access access, SyncHandler handler);
  void add_async(std::string method, std::string pattern, Access access, AsyncHandler handler);

  // HEAD matches GET routes. Throws ApiError 400 (bad encoding), 404 or 405.
  RouteMatch match(std::string_view method, std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace csms::api
