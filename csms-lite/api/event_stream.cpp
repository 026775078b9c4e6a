#include "api/event_stream.hpp"

#include <algorithm>

namespace csms::api {

std::string sse_frame(std::uint64_t id, std::string_view type, std::string_view data) {
  std::string frame = "id: " + std::to_string(id) + "\nevent: " + std::string(type) + "\n";
  // A bare CR or LF inside a data line would end it early: split on every line ending.
  std::size_t start = 0;
  for (std::size_t i = 0; i <= data.size(); ++i) {
    if (i == data.size() || data[i] == '\n' || data[i] == '\r') {
      frame += "data: ";
      frame.append(data.substr(start, i - start));
      frame += '\n';
      if (i + 1 < data.size() && data[i] == '\r' && data[i + 1] == '\n') ++i;
      start = i + 1;
    }
  }
  frame += '\n';
  return frame;
}

EventHub::EventHub(CentralSystemPort& port, common::TimerFactory& timers,
                   EventStreamOptions options)
    : options_(options), heartbeat_(timers.make_timer()) {
  subscription_ = port.subscribe([this](const LiveEvent& event) { publish(event); },
                                 [this] { return !clients_.empty(); });
}

void EventHub::attach(std::shared_ptr<net::HttpStream> stream,
                      std::optional<std::uint64_t> last_event_id) {
  std::string greeting = "retry: " + std::to_string(options_.retry.count()) + "\n\n";
  if (last_event_id && *last_event_id < last_id()) {
    const bool complete = !history_.empty() && history_.front().id <= *last_event_id + 1;
    if (complete) {
      for (const auto& stored : history_) {
        if (stored.id > *last_event_id) greeting += stored.frame;
      }
    } else {
      // Missed more than we kept: the client must reload its state over the REST API.
      greeting += sse_frame(last_id(), "resync", R"({"reason":"history too short"})");
    }
  }
  if (!stream->write(std::move(greeting))) return;
  clients_.push_back(std::move(stream));
  if (!heartbeat_->armed()) arm_heartbeat();
}

void EventHub::publish(const LiveEvent& event) {
  const auto id = next_id_++;
  auto frame = sse_frame(id, event.type,
                         event.data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  broadcast(frame);
  if (event.passing) return;
  history_.push_back(Stored{id, std::move(frame)});
  while (history_.size() > options_.history) history_.pop_front();
}

void EventHub::broadcast(const std::string& bytes) {
  // write() returns false for a client that left or fell too far behind; it is dropped here.
  std::erase_if(clients_, [&bytes](const auto& client) { return !client->write(bytes); });
}

void EventHub::arm_heartbeat() {
  heartbeat_->start(options_.heartbeat, [this] {
    broadcast(": heartbeat\n\n");
    if (!clients_.empty()) arm_heartbeat();
  });
}

}  // namespace csms::api
