#pragma once
// A listener on 127.0.0.1, port 0, serving a test web root, with recording fakes.
#include <gtest/gtest.h>

#include <memory>

#include "csms/net/listener.hpp"
#include "csms/net/static_files.hpp"
#include "net_test_support.hpp"

namespace csms::net::testing {

class ListenerTest : public ::testing::Test {
 protected:
  ListenerTest() {
    gate_.known["CP1"] = std::nullopt;
    gate_.known["CP2"] = std::nullopt;
    gate_.known["EO Box 1"] = std::nullopt;
    gate_.known["LOCKED"] = "secret";
  }

  void start(ListenerOptions options = {}) {
    options.port = 0;
    listener_ = std::make_unique<Listener>(loop_, options, handler_, gate_, files_);
    listener_->start();
    ASSERT_NE(listener_->port(), 0);
  }

  std::uint16_t port() const { return listener_->port(); }

  bool run_until(const std::function<bool()>& done, std::chrono::milliseconds timeout = 3s) {
    return testing::run_until(loop_, done, timeout);
  }

  // Opens a WebSocket and waits until both ends see it open.
  void open(WsClient& client, WsClientOptions options = {}) {
    const auto opened_before = handler_.opened.size();
    client.connect(port(), std::move(options));
    ASSERT_TRUE(run_until([&] { return client.open() && handler_.opened.size() > opened_before; }));
  }

  // One request on a fresh connection that the server closes afterwards.
  std::string exchange(const std::string& raw_request) {
    RawClient client(loop_);
    client.connect(port());
    client.send(raw_request);
    EXPECT_TRUE(run_until([&] { return client.closed(); }));
    return client.received();
  }

  common::EventLoop loop_;
  RecordingHandler handler_;
  FakeGate gate_;
  WebRoot root_;
  StaticFiles files_{root_.path()};
  std::unique_ptr<Listener> listener_;  // last: destroyed first
};

}  // namespace csms::net::testing
