#pragma once
// What every charge point feature test needs: manual time (timers and a wall clock that agree), a
// session to a fake central system, a router for its CALLs and the OCPP configuration keys.
// Fixtures derive from it (base classes are built first, so their own members may use these).
#include <chrono>
#include <string>

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

  common::ManualTimers timers;
  common::ManualClock clock{timers, k_test_start};
  FakeSessionIo io{timers};
  ocpp::Router router;
  ocpp::Session session{router, io, {}};
  chargepoint::ConfigurationStore config;
};

}  // namespace test_support
