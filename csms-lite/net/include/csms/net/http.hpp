#pragma once
// Plain HTTP as the rest of csms-lite sees it: value types and a synchronous handler. The listener
// turns Beast's messages into these so that no header outside csms-lite/net pulls in Beast.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace csms::net {

struct HttpRequest {
  std::string method;  // as sent, e.g. "GET"
  std::string target;  // origin-form as sent, query included: "/api/chargers?page=2"
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string remote_address;  // "ip:port" of the peer, for logs

  // First header with this name; HTTP field names are case-insensitive (RFC 9110 §5.1).
  std::optional<std::string_view> header(std::string_view name) const;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::vector<std::pair<std::string, std::string>>
      headers;       // Content-Length is set by the listener
  std::string body;  // for HEAD requests the listener sends the length but not the body
};

// Called on the event-loop thread for every plain (non-upgrade) request; must not block. An
// exception becomes a 500 response.
class HttpHandler {
 public:
  virtual ~HttpHandler() = default;
  virtual HttpResponse handle(const HttpRequest& request) = 0;
};

// Case-insensitive ASCII comparison, as HTTP field names and auth schemes need.
bool iequals(std::string_view a, std::string_view b);

}  // namespace csms::net
