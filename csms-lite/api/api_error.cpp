#include "api/api_error.hpp"

namespace csms::api {

net::HttpResponse json_response(int status, const nlohmann::json& body) {
  net::HttpResponse response;
  response.status = status;
  response.content_type = "application/json";
  // Answers carry live state and per-user data: never from a cache.
  response.headers.emplace_back("Cache-Control", "no-store");
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return response;
}

net::HttpResponse no_content() {
  auto response = json_response(204, nullptr);
  response.content_type.clear();
  response.body.clear();
  return response;
}

net::HttpResponse error_response(const ApiError& error) {
  nlohmann::json body = {{"status", error.status()}, {"message", error.what()}};
  if (!error.field().empty()) body["field"] = error.field();
  auto response = json_response(error.status(), {{"error", body}});
  for (const auto& header : error.headers()) response.headers.push_back(header);
  return response;
}

net::HttpResponse error_response(int status, std::string message, std::string field) {
  return error_response(ApiError(status, std::move(message), std::move(field)));
}

}  // namespace csms::api
