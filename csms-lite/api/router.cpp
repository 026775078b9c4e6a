#include "api/router.hpp"

#include <algorithm>
#include <stdexcept>

#include "common/percent_encoding.hpp"

namespace csms::api {
namespace {

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> segments;
  if (path.starts_with('/')) path.remove_prefix(1);
  for (;;) {
    const auto slash = path.find('/');
    segments.emplace_back(path.substr(0, slash));
    if (slash == std::string_view::npos) return segments;
    path.remove_prefix(slash + 1);
  }
}

bool is_parameter(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

}  // namespace

const std::string& ApiRequest::param(std::string_view name) const {
  const auto it = params.find(name);
  if (it == params.end()) throw std::logic_error("route has no parameter " + std::string(name));
  return it->second;
}

std::string ApiRequest::actor() const {
  if (!principal) return "anonymous";
  if (principal->via_token) return "token:" + std::to_string(principal->token_id);
  return principal->user_name;
}

void Router::add(std::string method, std::string pattern, Access access, SyncHandler handler) {
  add_async(std::move(method), std::move(pattern), access,
            [handler = std::move(handler)](ApiRequest& request, Responder responder) {
              responder->respond(handler(request));
            });
}

void Router::add_async(std::string method, std::string pattern, Access access,
                       AsyncHandler handler) {
  auto segments = split_path(pattern);
  routes_.push_back(Route{std::move(method), std::move(pattern), access, std::move(handler),
                          std::move(segments)});
}

RouteMatch Router::match(std::string_view method, std::string_view path) const {
  const auto segments = split_path(path);
  const std::string_view wanted = method == "HEAD" ? "GET" : method;
  std::vector<std::string> allowed;
  for (const auto& route : routes_) {
    if (route.segments.size() != segments.size()) continue;
    std::map<std::string, std::string, std::less<>> params;
    bool matches = true;
    for (std::size_t i = 0; i < segments.size() && matches; ++i) {
      const auto& expected = route.segments[i];
      if (is_parameter(expected)) {
        auto decoded = common::percent_decode(segments[i]);
        if (!decoded) {
          throw ApiError(400,
                         "path segment \"" + segments[i] + "\" is not correctly percent-encoded");
        }
        if (decoded->empty()) {
          matches = false;
        } else {
          params.emplace(expected.substr(1, expected.size() - 2), std::move(*decoded));
        }
      } else {
        matches = expected == segments[i];
      }
    }
    if (!matches) continue;
    if (route.method == wanted) return RouteMatch{&route, std::move(params)};
    allowed.push_back(route.method);
  }
  if (allowed.empty()) throw ApiError(404, "no such API endpoint: " + std::string(path));
  if (std::find(allowed.begin(), allowed.end(), "GET") != allowed.end()) allowed.push_back("HEAD");
  std::sort(allowed.begin(), allowed.end());
  allowed.erase(std::unique(allowed.begin(), allowed.end()), allowed.end());
  std::string allow;
  for (const auto& name : allowed) allow += (allow.empty() ? "" : ", ") + name;
  throw ApiError(405, std::string(method) + " is not allowed here; use " + allow)
      .with_header("Allow", allow);
}

}  // namespace csms::api
