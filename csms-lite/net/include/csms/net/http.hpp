#pragma once
// Plain HTTP as the rest of csms-lite sees it: value types, a handler called on the event loop, and
// the two ways to answer later: an HttpResponder (one deferred response, e.g. after a charge point
// answered a command) and an HttpStream (an endless body such as Server-Sent Events). The listener
// turns Beast's messages into these so that no header outside csms-lite/net pulls in Beast.
#include <cstddef>
#include <memory>
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
  std::string remote_address;  // "ip:port" of the peer ("[v6]:port"), for logs and rate limits
  bool secure = false;         // arrived over TLS (cookies then get the Secure attribute)

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

// An open streamed response body (text/event-stream). All calls on the loop thread.
class HttpStream {
 public:
  virtual ~HttpStream() = default;
  // Queues bytes for the client. false when the stream is closed: the client went away, close()
  // was called, or the client fell more than the stream's byte budget behind, in which case the
  // connection is dropped rather than buffered without bound.
  virtual bool write(std::string bytes) = 0;
  // Ends the body: queued bytes are still sent, then the connection closes.
  virtual void close() = 0;
  virtual bool is_open() const = 0;
};

// The one answer to one request. Keep it (it is a shared_ptr) to answer later from any callback on
// the loop thread; the connection waits for it. Only the first respond() or stream() counts; once
// the client is gone both are harmless no-ops. Dropping the last reference without answering
// sends a 500, so a forgotten request cannot hang a browser.
class HttpResponder {
 public:
  virtual ~HttpResponder() = default;
  virtual void respond(HttpResponse response) = 0;
  // Sends `head` (status and headers, its body ignored) without a Content-Length, then whatever is
  // written to the returned stream; the connection closes when the stream ends. At most
  // `max_queued_bytes` may wait unsent. nullptr if already answered or the client is gone.
  virtual std::shared_ptr<HttpStream> stream(HttpResponse head, std::size_t max_queued_bytes) = 0;
  virtual bool answered() const = 0;
};

// Called on the event-loop thread for every plain (non-upgrade) request; must not block.
class HttpHandler {
 public:
  virtual ~HttpHandler() = default;
  // The synchronous form. An exception becomes a 500 response.
  virtual HttpResponse handle(const HttpRequest& request) = 0;
  // What the listener calls. The default answers at once with handle(); override it to answer
  // later or to stream. An exception before answering becomes a 500 response.
  virtual void handle_async(const HttpRequest& request, std::shared_ptr<HttpResponder> responder) {
    responder->respond(handle(request));
  }
};

// Case-insensitive ASCII comparison, as HTTP field names and auth schemes need.
bool iequals(std::string_view a, std::string_view b);

}  // namespace csms::net
