#include <charconv>

#include "api/json_views.hpp"
#include "api/routes.hpp"

namespace csms::api {
namespace {

constexpr std::size_t auth_body_bytes = 4 * 1024;

ApiError to_api_error(const auth::AuthError& error) {
  switch (error.kind) {
    case auth::AuthErrorKind::Invalid:
      return ApiError(422, error.message, error.field);
    case auth::AuthErrorKind::Unauthorized:
      return ApiError(401, error.message, error.field);
    case auth::AuthErrorKind::Forbidden:
      return ApiError(403, error.message, error.field);
    case auth::AuthErrorKind::Conflict:
      return ApiError(409, error.message, error.field);
    case auth::AuthErrorKind::NotFound:
      return ApiError(404, error.message, error.field);
    case auth::AuthErrorKind::RateLimited:
      return ApiError(429, error.message, error.field)
          .with_header("Retry-After", std::to_string(error.retry_after.count()));
    case auth::AuthErrorKind::Storage:
      return ApiError(503, error.message, error.field);
  }
  return ApiError(500, error.message);
}

template <class T>
T value_or_throw(auth::AuthOutcome<T> outcome) {
  if (auto* error = std::get_if<auth::AuthError>(&outcome)) throw to_api_error(*error);
  return std::move(std::get<T>(outcome));
}

net::HttpResponse logged_in(int status, const auth::SessionGrant& grant, std::string_view user,
                            bool secure) {
  auto response = json_response(
      status, {{"authenticated", true}, {"user", user}, {"csrfToken", grant.csrf_token}});
  response.headers.emplace_back("Set-Cookie",
                                session_cookie(grant.cookie_value, grant.max_age, secure));
  return response;
}

nlohmann::json token_json(const auth::ApiTokenRecord& token) {
  return {{"id", token.id},
          {"name", token.name},
          {"prefix", token.prefix},
          {"createdAt", format_time(Time(std::chrono::seconds(token.created_at_s)))},
          {"lastUsedAt",
           token.last_used_at_s
               ? nlohmann::json(format_time(Time(std::chrono::seconds(*token.last_used_at_s))))
               : nlohmann::json(nullptr)}};
}

}  // namespace

std::optional<std::string> cookie_value(const net::HttpRequest& request, std::string_view name) {
  for (const auto& [header, value] : request.headers) {
    if (!net::iequals(header, "Cookie")) continue;
    std::string_view rest = value;
    while (!rest.empty()) {
      const auto semicolon = rest.find(';');
      auto pair = rest.substr(0, semicolon);
      rest = semicolon == std::string_view::npos ? std::string_view{} : rest.substr(semicolon + 1);
      while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
      const auto equals = pair.find('=');
      if (equals != std::string_view::npos && pair.substr(0, equals) == name) {
        auto cookie = pair.substr(equals + 1);
        if (cookie.size() >= 2 && cookie.front() == '"' && cookie.back() == '"') {
          cookie = cookie.substr(1, cookie.size() - 2);
        }
        return std::string(cookie);
      }
    }
  }
  return std::nullopt;
}

std::string session_cookie(std::string_view value, std::chrono::seconds max_age, bool secure) {
  return std::string(session_cookie_name) + "=" + std::string(value) +
         "; Path=/; Max-Age=" + std::to_string(max_age.count()) + "; HttpOnly; SameSite=Strict" +
         (secure ? "; Secure" : "");
}

void add_auth_routes(Router& router, auth::AuthService& auth, CentralSystemPort& port) {
  router.add("GET", "/api/session", Access::Public, [&auth](ApiRequest& request) {
    if (!request.principal) {
      return json_response(200,
                           {{"authenticated", false}, {"setupRequired", auth.setup_required()}});
    }
    nlohmann::json body = {{"authenticated", true},
                           {"user", request.principal->user_name},
                           {"via", request.principal->via_token ? "token" : "session"}};
    if (!request.principal->via_token) body["csrfToken"] = request.principal->csrf_token;
    return json_response(200, body);
  });

  router.add("POST", "/api/session", Access::Public, [&auth, &port](ApiRequest& request) {
    const auto body = json_body(request.http, auth_body_bytes);
    const Fields fields(body);
    fields.only({"username", "password"});
    const auto user =
        fields.optional_string("username", 100).value_or(std::string(auth::admin_user));
    const auto password = fields.required_string("password", 1, 4096);
    const auto grant = value_or_throw(auth.login(user, password, request.http.remote_address));
    port.record_audit(user, "login", std::nullopt, "logged in from " + request.http.remote_address,
                      nlohmann::json::object());
    return logged_in(200, grant, user, request.http.secure);
  });

  router.add("DELETE", "/api/session", Access::User, [&auth](ApiRequest& request) {
    auth.logout(*request.principal);
    auto response = no_content();
    response.headers.emplace_back("Set-Cookie",
                                  session_cookie("", std::chrono::seconds(0), request.http.secure));
    return response;
  });

  router.add("POST", "/api/setup", Access::Public, [&auth, &port](ApiRequest& request) {
    const auto body = json_body(request.http, auth_body_bytes);
    const Fields fields(body);
    fields.only({"code", "password"});
    const auto code = fields.required_string("code", 1, 200);
    const auto password = fields.required_string("password", 1, 4096);
    const auto grant =
        value_or_throw(auth.complete_setup(code, password, request.http.remote_address));
    port.record_audit(auth::admin_user, "setup", std::nullopt,
                      "admin password set from " + request.http.remote_address,
                      nlohmann::json::object());
    return logged_in(201, grant, auth::admin_user, request.http.secure);
  });

  router.add("POST", "/api/password", Access::User, [&auth, &port](ApiRequest& request) {
    const auto body = json_body(request.http, auth_body_bytes);
    const Fields fields(body);
    fields.only({"currentPassword", "newPassword"});
    const auto current = fields.required_string("currentPassword", 1, 4096);
    const auto replacement = fields.required_string("newPassword", 1, 4096);
    value_or_throw(auth.change_password(*request.principal, current, replacement));
    port.record_audit(request.actor(), "password", std::nullopt, "password changed",
                      nlohmann::json::object());
    return no_content();
  });

  router.add("GET", "/api/tokens", Access::User, [&auth](ApiRequest& request) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& token : value_or_throw(auth.tokens(*request.principal))) {
      items.push_back(token_json(token));
    }
    return json_response(200, {{"items", items}});
  });
  router.add("POST", "/api/tokens", Access::User, [&auth, &port](ApiRequest& request) {
    const auto body = json_body(request.http, auth_body_bytes);
    const Fields fields(body);
    fields.only({"name"});
    const auto name = fields.required_string("name", 1, 100);
    const auto created = value_or_throw(auth.create_token(*request.principal, name));
    port.record_audit(request.actor(), "token", std::nullopt, "API token \"" + name + "\" created",
                      {{"tokenId", created.id}});
    auto json = token_json(created.record);
    json["token"] = created.token;  // the only time it is shown
    return json_response(201, json);
  });
  router.add("DELETE", "/api/tokens/{id}", Access::User, [&auth, &port](ApiRequest& request) {
    const auto& text = request.param("id");
    std::int64_t id = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc() || end != text.data() + text.size() || id <= 0) {
      throw ApiError(404, "no API token with id \"" + text + "\"", "id");
    }
    value_or_throw(auth.revoke_token(*request.principal, id));
    port.record_audit(request.actor(), "token", std::nullopt,
                      "API token " + std::to_string(id) + " revoked", {{"tokenId", id}});
    return no_content();
  });
}

}  // namespace csms::api
