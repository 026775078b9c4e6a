// HTTP over plain TCP: the one translation unit that instantiates Beast's HTTP parser and
// serializer (on tcp_stream). The message conversions live here too, to stay in this one TU.
#include "http_session.hpp"

#include "http_session_impl.hpp"

#include <sstream>

#include <boost/beast/http/empty_body.hpp>

namespace csms::net::detail {

namespace http_impl {

int status_for_read_error(beast::error_code ec) {
  if (ec == http::error::body_limit) return 413;
  // RFC 6585 §5; more precise than a bare 400 for the one client that will ever see it.
  if (ec == http::error::header_limit) return 431;
  if (ec == http::error::end_of_stream || ec == http::error::partial_message) return 0;
  if (ec.category() == http::make_error_code(http::error::bad_method).category()) return 400;
  return 0;  // timeout, reset, aborted: nobody to answer
}

HttpRequest to_request(http::request<http::string_body>& message,
                       const std::string& remote_address) {
  HttpRequest request;
  request.method = std::string(message.method_string());
  request.target = std::string(message.target());
  for (const auto& field : message) {
    request.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  }
  request.body = std::move(message.body());
  request.remote_address = remote_address;
  return request;
}

http::response<http::string_body> to_response(HttpResponse reply, unsigned version, bool keep_alive,
                                              bool head_only) {
  if (reply.status < 200 || reply.status > 599) {
    spdlog::error("csms-lite: HTTP handler returned status {}; sending 500", reply.status);
    reply = HttpResponse{};
    reply.status = 500;
    reply.body = "Internal server error\n";
  }
  http::response<http::string_body> response;
  response.version(version);
  response.result(static_cast<unsigned>(reply.status));
  response.set(http::field::server, "csms-lite");
  if (!reply.content_type.empty()) response.set(http::field::content_type, reply.content_type);
  for (const auto& [name, value] : reply.headers) {
    // Framing is the listener's business: a handler's own value could desynchronise the stream.
    if (iequals(name, "Content-Length") || iequals(name, "Transfer-Encoding") ||
        iequals(name, "Connection")) {
      continue;
    }
    response.insert(name, value);
  }
  response.keep_alive(keep_alive);
  // RFC 9110 §6.4.1: 204 and 304 have no content and 204 no Content-Length either.
  if (reply.status == 204 || reply.status == 304) return response;
  const auto length = reply.body.size();
  if (!head_only) response.body() = std::move(reply.body);
  response.prepare_payload();
  // HEAD: the length the GET would have had (RFC 9110 §9.3.2), without the body.
  if (head_only) response.content_length(length);
  return response;
}

std::string stream_head(HttpResponse head, unsigned version) {
  http::response<http::empty_body> response;
  response.version(version);
  response.result(static_cast<unsigned>(head.status));
  response.set(http::field::server, "csms-lite");
  if (!head.content_type.empty()) response.set(http::field::content_type, head.content_type);
  for (const auto& [name, value] : head.headers) {
    if (iequals(name, "Content-Length") || iequals(name, "Transfer-Encoding") ||
        iequals(name, "Connection")) {
      continue;
    }
    response.insert(name, value);
  }
  response.keep_alive(false);
  std::ostringstream bytes;
  bytes << response.base();
  return bytes.str();
}

HttpResponse internal_error_response() {
  HttpResponse reply;
  reply.status = 500;
  reply.body = "Internal server error\n";
  return reply;
}

UpgradeRequestView upgrade_view(const http::request<http::string_body>& message) {
  UpgradeRequestView view;
  view.target = message.target();
  const auto [first, last] = message.equal_range(http::field::sec_websocket_protocol);
  for (auto it = first; it != last; ++it) view.protocol_headers.emplace_back(it->value());
  if (const auto it = message.find(http::field::authorization); it != message.end()) {
    view.authorization = it->value();
  }
  return view;
}

}  // namespace http_impl

void start_http_session(const std::shared_ptr<ListenerCore>& core,
                        boost::asio::ip::tcp::socket socket, std::string remote_address) {
  auto session = std::make_shared<http_impl::HttpSession<boost::beast::tcp_stream>>(
      core, boost::beast::tcp_stream(std::move(socket)), std::move(remote_address));
  core->add(session);
  session->run();
}

}  // namespace csms::net::detail
