#pragma once
// Charge points as a test sees them: an ocpp::Session per id whose frames the test reads and
// answers (FakeSessionIo on manual timers), and the CommandTargets that hands them to the command
// service.
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "fake_session_io.hpp"
#include "features/commands.hpp"
#include "ocpp/router.hpp"
#include "ocpp/session.hpp"

namespace csms_test {

using namespace std::chrono_literals;

struct Peer {
  explicit Peer(common::ManualTimers& timers) : io(timers), session(router, io, options()) {
    io.attach(session);
  }
  static ocpp::SessionOptions options() {
    ocpp::SessionOptions o;
    o.name = "CP1";
    o.endpoint.call_timeout = 30s;
    return o;
  }
  test_support::FakeSessionIo io;
  ocpp::Router router;
  ocpp::Session session;
};

class Targets final : public csms::CommandTargets {
 public:
  ocpp::Session* session_for(std::string_view id) override {
    const auto it = peers.find(std::string(id));
    return it == peers.end() ? nullptr : &it->second->session;
  }
  std::map<std::string, std::unique_ptr<Peer>> peers;
};

}  // namespace csms_test
