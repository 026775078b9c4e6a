#pragma once
// What every charge point feature test needs: manual time (timers and a wall clock that agree), a
// session to a fake central system, a router for its CALLs and the OCPP configuration keys.
// Fixtures derive from it (base classes are built first, so their own members may use these).
#include <chrono>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "common/clock.hpp"
#include "common/manual_timers.hpp"
#include "domain/configuration_store.hpp"
#include "fake_session_io.hpp"
#include "ocpp/router.hpp"
#include "ocpp/session.hpp"

namespace test_support {

// 2026-11-22T00:00:00Z: midnight, so that clock-aligned boundaries are easy to read in tests.
inline const common::WallTime k_test_start =
    std::chrono::sys_days{std::chrono::year{2026} / 11 / 22};

struct OcppWorld {
  OcppWorld() { io.attach(session); }

  // A CALL from the central system, straight to the router; the answer's payload (null on a
  // CALLERROR, which also fails the test).
  nlohmann::json dispatch(const std::string& action, const nlohmann::json& payload) {
    auto answer = router.dispatch(action, payload);
    if (!answer.ok()) ADD_FAILURE() << action << " answered " << answer.error().description;
    return answer.ok() ? answer.value() : nlohmann::json();
  }

  // The data objects of the vendor DataTransfers ("org.eo-ocpp", `message_id`) sent so far.
  std::vector<nlohmann::json> vendor_reports(const std::string& message_id) const {
    std::vector<nlohmann::json> out;
    for (const auto& text : io.sent) {
      const auto frame = nlohmann::json::parse(text);
      if (frame.at(0) != 2 || frame.at(2) != "DataTransfer") continue;
      EXPECT_EQ(frame.at(3).at("vendorId"), "org.eo-ocpp");
      EXPECT_EQ(frame.at(3).at("messageId"), message_id);
      out.push_back(nlohmann::json::parse(frame.at(3).at("data").get<std::string>()));
    }
    return out;
  }

  common::ManualTimers timers;
  common::ManualClock clock{timers, k_test_start};
  FakeSessionIo io{timers};
  ocpp::Router router;
  ocpp::Session session{router, io, {}};
  chargepoint::ConfigurationStore config;
};

}  // namespace test_support
