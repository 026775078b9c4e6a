#include "registry/charge_point_registry.hpp"

#include <stdexcept>

#include <spdlog/spdlog.h>

namespace csms {
namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

// Compares in time independent of where the first difference is, so a password cannot be found byte by
// byte from response times (only its length shows).
bool same_secret(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char difference = 0;
  for (std::size_t i = 0; i < a.size(); ++i) difference |= static_cast<unsigned char>(a[i] ^ b[i]);
  return difference == 0;
}

}  // namespace

void ChargePointRegistry::add(std::string id, std::optional<std::string> password) {
  auto& record = records_[id];
  record.id = std::move(id);
  record.password = std::move(password);
}

void ChargePointRegistry::add_known(std::string_view list) {
  while (!list.empty()) {
    const auto comma = list.find(',');
    const auto entry = trim(list.substr(0, comma));
    list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
    if (entry.empty()) continue;
    const auto colon = entry.find(':');
    const auto id = trim(entry.substr(0, colon));
    if (id.empty()) throw std::invalid_argument("charge point entry \"" + std::string(entry) + "\" has no id");
    std::optional<std::string> password;
    if (colon != std::string_view::npos) password = std::string(entry.substr(colon + 1));
    add(std::string(id), std::move(password));
  }
}

Admission ChargePointRegistry::admit(std::string_view id, std::optional<std::string_view> password) {
  auto* record = find(id);
  if (record == nullptr) {
    if (policy_ == UnknownChargePoints::Reject) return Admission::Unknown;
    spdlog::info("registering new charge point \"{}\"", id);
    add(std::string(id), std::nullopt);
    return Admission::Accepted;
  }
  if (!record->password) return Admission::Accepted;
  if (!password || !same_secret(*password, *record->password)) return Admission::WrongPassword;
  return Admission::Accepted;
}

ChargePointRecord* ChargePointRegistry::find(std::string_view id) {
  const auto it = records_.find(id);
  return it == records_.end() ? nullptr : &it->second;
}

}  // namespace csms
