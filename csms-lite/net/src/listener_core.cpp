#include "listener_core.hpp"

#include <utility>
#include <vector>

namespace csms::net::detail {

ConnectionHandle::ConnectionHandle(std::string charge_point_id, std::string remote_address,
                                   std::weak_ptr<ChargePointSession> session)
    : charge_point_id_(std::move(charge_point_id)),
      remote_address_(std::move(remote_address)),
      session_(std::move(session)) {}

void ConnectionHandle::send_text(std::string text) {
  if (auto session = session_.lock()) session->send_text(std::move(text));
}

void ConnectionHandle::close(std::string_view reason) {
  if (auto session = session_.lock()) session->close(reason);
}

ListenerCore::ListenerCore(ListenerOptions options, OcppConnectionHandler& ocpp,
                           ChargePointGate& gate, HttpHandler& http)
    : options_(std::move(options)), ocpp_(ocpp), gate_(gate), http_(http) {}

void ListenerCore::add(const std::shared_ptr<Session>& session) {
  sessions_[session.get()] = session;
}

void ListenerCore::remove(const Session* session) {
  sessions_.erase(session);
}

void ListenerCore::claim(const std::string& charge_point_id,
                         const std::shared_ptr<ChargePointSession>& session) {
  auto& slot = charge_points_[charge_point_id];
  auto previous = slot.lock();
  slot = session;
  // A charger that rebooted reconnects before its old TCP connection times out; the newer
  // connection is the live one.
  if (previous && previous != session) previous->replace("replaced by a newer connection");
}

void ListenerCore::release(const std::string& charge_point_id, const ChargePointSession* session) {
  const auto it = charge_points_.find(charge_point_id);
  if (it == charge_points_.end()) return;
  const auto current = it->second.lock();
  if (!current || current.get() == session) charge_points_.erase(it);
}

void ListenerCore::shut_down_all() {
  // Snapshot first: shutting a session down calls on_close, which may close others.
  std::vector<std::shared_ptr<Session>> open;
  open.reserve(sessions_.size());
  for (const auto& entry : sessions_) {
    if (auto session = entry.second.lock()) open.push_back(std::move(session));
  }
  for (const auto& session : open) session->shut_down();
}

}  // namespace csms::net::detail
