#include "api/http_api.hpp"

#include <charconv>

#include <spdlog/spdlog.h>

#include "api/openapi.hpp"
#include "api/routes.hpp"
#include "auth/crypto.hpp"

namespace csms::api {
namespace {

bool state_changing(std::string_view method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

ApiError unauthorized(std::string message) {
  // Bearer, not Basic: a Basic challenge would make browsers pop up their own login dialog.
  return ApiError(401, std::move(message))
      .with_header("WWW-Authenticate", "Bearer realm=\"csms-lite\"");
}

// Answers synchronously for handle(); anything not answered by the time handle_async returns is a
// deferred response, which a synchronous caller cannot wait for.
class CapturingResponder final : public net::HttpResponder {
 public:
  void respond(net::HttpResponse response) override {
    if (!response_) response_ = std::move(response);
  }
  std::shared_ptr<net::HttpStream> stream(net::HttpResponse, std::size_t) override {
    response_ = error_response(500, "this endpoint streams; it needs the asynchronous listener");
    return nullptr;
  }
  bool answered() const override { return response_.has_value(); }
  std::optional<net::HttpResponse> response_;
};

std::optional<std::uint64_t> parse_event_id(std::optional<std::string_view> text) {
  if (!text) return std::nullopt;
  std::uint64_t id = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), id);
  if (ec != std::errc() || end != text->data() + text->size()) return std::nullopt;
  return id;
}

}  // namespace

std::string setup_link_message(std::string_view base_url, const auth::SetupCode& code) {
  // The code is base64url: safe in a query string as it is.
  return "first start: set the admin password at " + std::string(base_url) +
         "/setup?code=" + code.code + " (the link works once, until " +
         format_time(code.expires_at) + ")";
}

HttpApi::HttpApi(CentralSystemPort& port, auth::AuthService& auth, EventHub& events,
                 net::HttpHandler& files, ApiOptions options)
    : port_(port), auth_(auth), events_(events), files_(files), options_(std::move(options)) {
  add_auth_routes(router_, auth_, port_);
  add_charger_routes(router_, port_, options_.max_body_bytes);
  add_data_routes(router_, port_, options_.max_body_bytes);
  add_plan_routes(router_, port_, options_.max_body_bytes);
  add_own_routes();
}

void HttpApi::add_own_routes() {
  router_.add_async("GET", "/api/events", Access::User, [this](ApiRequest& request, Responder r) {
    if (!events_.has_room()) {
      throw ApiError(503, "too many event streams are open").with_header("Retry-After", "30");
    }
    net::HttpResponse head;
    head.content_type = "text/event-stream; charset=utf-8";
    head.headers.emplace_back("Cache-Control", "no-store");
    head.headers.emplace_back("X-Accel-Buffering", "no");  // nginx: do not buffer the stream
    auto last = parse_event_id(request.http.header("Last-Event-ID"));
    if (!last) last = parse_event_id(request.query.text("lastEventId", 20));
    if (auto stream = r->stream(std::move(head), events_.options().max_queued_bytes)) {
      events_.attach(std::move(stream), last);
    }
  });
  router_.add("GET", "/api/openapi.json", Access::User, [](ApiRequest&) {
    net::HttpResponse response;
    response.content_type = "application/json";
    response.headers.emplace_back("Cache-Control", "no-cache");
    response.body = std::string(openapi_document());
    return response;
  });
}

net::HttpResponse HttpApi::handle(const net::HttpRequest& request) {
  auto responder = std::make_shared<CapturingResponder>();
  handle_async(request, responder);
  if (!responder->response_) {
    return error_response(500, "this endpoint answers later; it needs the asynchronous listener");
  }
  return std::move(*responder->response_);
}

void HttpApi::handle_async(const net::HttpRequest& request,
                           std::shared_ptr<net::HttpResponder> responder) {
  const auto [path, query] = split_target(request.target);
  if (path == "/api" || path.starts_with("/api/"))
    return serve_api(request, path, query, responder);
  if (path == "/metrics") return serve_metrics(request, responder);
  if ((path == "/setup" || path == "/login") &&
      (request.method == "GET" || request.method == "HEAD")) {
    // The single-page UI shows the setup or login form itself (it reads the code from the URL).
    auto page = request;
    page.target = "/index.html";
    return files_.handle_async(page, std::move(responder));
  }
  files_.handle_async(request, std::move(responder));
}

std::optional<auth::Principal> HttpApi::authenticate(const net::HttpRequest& request) {
  if (const auto authorization = request.header("Authorization")) {
    constexpr std::string_view scheme = "Bearer ";
    if (authorization->size() <= scheme.size() ||
        !net::iequals(authorization->substr(0, scheme.size()), scheme)) {
      throw unauthorized("only \"Authorization: Bearer <API token>\" is accepted");
    }
    auto principal = auth_.from_bearer(authorization->substr(scheme.size()));
    // A wrong token is an error even on public routes: a script should learn it at once.
    if (!principal) throw unauthorized("the API token is not valid (revoked or mistyped)");
    return principal;
  }
  if (const auto cookie = cookie_value(request, session_cookie_name)) {
    return auth_.from_session(*cookie);
  }
  return std::nullopt;
}

void HttpApi::check_origin(const net::HttpRequest& request) const {
  // Browsers mark cross-site requests (Fetch Metadata); SameSite=Strict already keeps the cookie
  // off them, this also stops cross-site login and setup attempts.
  if (const auto site = request.header("Sec-Fetch-Site"); site && *site == "cross-site") {
    throw ApiError(403, "cross-site requests are refused");
  }
  const auto origin = request.header("Origin");
  if (!origin) return;  // not a browser (curl, scripts): nothing to check
  const auto host = request.header("Host");
  if (host) {
    const std::string own =
        std::string(request.secure ? "https://" : "http://") + std::string(*host);
    if (net::iequals(*origin, own)) return;
  }
  for (const auto& trusted : options_.trusted_origins) {
    if (net::iequals(*origin, trusted)) return;
  }
  throw ApiError(403, "requests from origin \"" + std::string(*origin) +
                          "\" are refused (it is not this server)");
}

void HttpApi::serve_api(const net::HttpRequest& request, std::string_view path,
                        std::string_view query, const Responder& responder) {
  try {
    auto match = router_.match(request.method, path);
    const auto& route = *match.route;
    ApiRequest api_request{request, std::move(match.params), Query::parse(query),
                           authenticate(request)};
    if (route.access == Access::User && !api_request.principal) {
      throw unauthorized("log in first (POST /api/session) or send an API token");
    }
    if (state_changing(request.method)) {
      const auto& principal = api_request.principal;
      if (!principal || !principal->via_token) check_origin(request);
      // A cookie travels with any request the browser makes; the token only with ours (the UI
      // reads it from GET /api/session). Bearer tokens are never sent automatically: no check.
      if (route.access == Access::User && principal && !principal->via_token) {
        const auto sent = request.header("X-CSRF-Token");
        if (!sent) throw ApiError(403, "the X-CSRF-Token header is missing (GET /api/session)");
        if (!auth::constant_time_equals(*sent, principal->csrf_token)) {
          throw ApiError(403, "the X-CSRF-Token header is wrong for this session");
        }
      }
    }
    route.handler(api_request, responder);
  } catch (const ApiError& error) {
    if (!responder->answered()) responder->respond(error_response(error));
  } catch (const std::exception& e) {
    spdlog::error("api: {} {} failed: {}", request.method, request.target, e.what());
    if (!responder->answered()) responder->respond(error_response(500, "internal error"));
  }
}

void HttpApi::serve_metrics(const net::HttpRequest& request, const Responder& responder) {
  try {
    if (options_.metrics == MetricsAccess::Off) {
      throw ApiError(404, "metrics are switched off (api.metrics = off)");
    }
    if (request.method != "GET" && request.method != "HEAD") {
      throw ApiError(405, "only GET is allowed here").with_header("Allow", "GET, HEAD");
    }
    if (options_.metrics == MetricsAccess::Token) {
      const auto principal = authenticate(request);
      if (!principal || !principal->via_token) {
        throw unauthorized("metrics need \"Authorization: Bearer <API token>\"");
      }
    }
    net::HttpResponse response;
    response.content_type = std::string(metrics_content_type);
    response.headers.emplace_back("Cache-Control", "no-store");
    response.body = render_metrics(port_.chargers());
    responder->respond(std::move(response));
  } catch (const ApiError& error) {
    responder->respond(error_response(error));
  }
}

}  // namespace csms::api
