#pragma once
// The API's one error shape, {"error": {"status": 422, "message": "...", "field": "..."}}, and the
// exception that carries it out of validation code to the router's single catch. Thrown only for
// bad requests: a client's mistake, answered and forgotten.
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "csms/net/http.hpp"

namespace csms::api {

class ApiError : public std::runtime_error {
 public:
  ApiError(int status, std::string message, std::string field = {})
      : std::runtime_error(message), status_(status), field_(std::move(field)) {}
  ApiError& with_header(std::string name, std::string value) {
    headers_.emplace_back(std::move(name), std::move(value));
    return *this;
  }
  int status() const { return status_; }
  const std::string& field() const { return field_; }
  const std::vector<std::pair<std::string, std::string>>& headers() const { return headers_; }

 private:
  int status_;
  std::string field_;
  std::vector<std::pair<std::string, std::string>> headers_;
};

// Invalid UTF-8 from a client is replaced, never thrown about again while answering.
net::HttpResponse json_response(int status, const nlohmann::json& body);
net::HttpResponse no_content();  // 204
net::HttpResponse error_response(const ApiError& error);
net::HttpResponse error_response(int status, std::string message, std::string field = {});

}  // namespace csms::api
