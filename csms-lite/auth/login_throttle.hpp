#pragma once
// Limits password guessing: failed logins per client address in a sliding window, and all login
// attempts together (each costs a deliberately slow scrypt, so a flood from many addresses must
// not take the Pi's CPU either). In memory: a restart forgets it, which only helps an attacker who
// can restart the daemon anyway.
#include <chrono>
#include <cstddef>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "common/clock.hpp"

namespace csms::auth {

struct ThrottleOptions {
  std::size_t failures_per_address = 5;
  std::chrono::seconds address_window{300};
  std::size_t attempts_overall = 30;
  std::chrono::seconds overall_window{60};
  std::size_t max_addresses = 4096;  // the oldest address is forgotten beyond this (memory bound)
};

// "1.2.3.4:5678" → "1.2.3.4", "[::1]:80" → "::1"; anything else unchanged.
std::string address_without_port(std::string_view remote_address);

class LoginThrottle {
 public:
  LoginThrottle(const common::Clock& clock, ThrottleOptions options)
      : clock_(clock), options_(options) {}

  // Before verifying a password: nullopt to go ahead (the attempt is counted), else how long the
  // client must wait (at least one second, for Retry-After).
  std::optional<std::chrono::seconds> admit(const std::string& address);
  void record_failure(const std::string& address);
  void record_success(const std::string& address);

 private:
  using Times = std::deque<common::WallTime>;
  void expire(Times& times, std::chrono::seconds window) const;
  std::chrono::seconds wait_for(const Times& times, std::chrono::seconds window) const;

  const common::Clock& clock_;
  ThrottleOptions options_;
  Times attempts_;
  std::map<std::string, Times, std::less<>> failures_;
};

}  // namespace csms::auth
