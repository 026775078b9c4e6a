#include "auth/login_throttle.hpp"

#include <algorithm>

namespace csms::auth {

std::string address_without_port(std::string_view remote_address) {
  if (remote_address.starts_with('[')) {
    const auto close = remote_address.find(']');
    if (close != std::string_view::npos) return std::string(remote_address.substr(1, close - 1));
  }
  const auto colon = remote_address.rfind(':');
  if (colon != std::string_view::npos && remote_address.find(':') == colon) {
    return std::string(remote_address.substr(0, colon));
  }
  return std::string(remote_address);
}

void LoginThrottle::expire(Times& times, std::chrono::seconds window) const {
  const auto now = clock_.now();
  while (!times.empty() && times.front() + window <= now) times.pop_front();
}

std::chrono::seconds LoginThrottle::wait_for(const Times& times,
                                             std::chrono::seconds window) const {
  const auto left = times.front() + window - clock_.now();
  // Round up: a client told "0" would retry at once and be refused again.
  const auto seconds = std::chrono::ceil<std::chrono::seconds>(left);
  return std::max(seconds, std::chrono::seconds{1});
}

std::optional<std::chrono::seconds> LoginThrottle::admit(const std::string& address) {
  if (const auto it = failures_.find(address); it != failures_.end()) {
    expire(it->second, options_.address_window);
    if (it->second.empty()) {
      failures_.erase(it);
    } else if (it->second.size() >= options_.failures_per_address) {
      return wait_for(it->second, options_.address_window);
    }
  }
  expire(attempts_, options_.overall_window);
  if (attempts_.size() >= options_.attempts_overall) {
    return wait_for(attempts_, options_.overall_window);
  }
  attempts_.push_back(clock_.now());
  return std::nullopt;
}

void LoginThrottle::record_failure(const std::string& address) {
  auto it = failures_.find(address);
  if (it == failures_.end()) {
    if (failures_.size() >= options_.max_addresses) {
      // Forget the address whose latest failure is oldest: it is the least likely to be locked.
      const auto oldest = std::min_element(
          failures_.begin(), failures_.end(),
          [](const auto& a, const auto& b) { return a.second.back() < b.second.back(); });
      failures_.erase(oldest);
    }
    it = failures_.emplace(address, Times{}).first;
  }
  it->second.push_back(clock_.now());
}

void LoginThrottle::record_success(const std::string& address) {
  failures_.erase(address);
}

}  // namespace csms::auth
