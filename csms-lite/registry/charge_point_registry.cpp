#include "registry/charge_point_registry.hpp"

#include <stdexcept>

#include <spdlog/spdlog.h>

#include "registry/password_hash.hpp"

namespace csms {
namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

}  // namespace

std::string_view to_string(Registration registration) {
  switch (registration) {
    case Registration::Accepted:
      return "Accepted";
    case Registration::Pending:
      return "Pending";
    case Registration::Rejected:
      return "Rejected";
  }
  return "Rejected";
}

std::optional<Registration> registration_from_string(std::string_view text) {
  if (text == "Accepted") return Registration::Accepted;
  if (text == "Pending") return Registration::Pending;
  if (text == "Rejected") return Registration::Rejected;
  return std::nullopt;
}

ChargePointRecord& ChargePointRegistry::add(std::string id, std::optional<std::string> password) {
  auto& record = records_[id];
  record.id = std::move(id);
  record.password_hash =
      password ? std::optional<std::string>(hash_password(*password)) : std::nullopt;
  return record;
}

std::vector<std::string> ChargePointRegistry::add_known(std::string_view list) {
  std::vector<std::string> ids;
  while (!list.empty()) {
    const auto comma = list.find(',');
    const auto entry = trim(list.substr(0, comma));
    list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
    if (entry.empty()) continue;
    const auto colon = entry.find(':');
    const auto id = trim(entry.substr(0, colon));
    if (id.empty())
      throw std::invalid_argument("charge point entry \"" + std::string(entry) + "\" has no id");
    std::optional<std::string> password;
    if (colon != std::string_view::npos) password = std::string(entry.substr(colon + 1));
    add(std::string(id), std::move(password)).registration = Registration::Accepted;
    ids.emplace_back(id);
  }
  return ids;
}

Admission ChargePointRegistry::admit(std::string_view id, std::optional<std::string_view> password,
                                     bool* added) {
  if (added != nullptr) *added = false;
  auto* record = find(id);
  if (record == nullptr) {
    if (policy_ == UnknownChargePoints::Reject) return Admission::Unknown;
    const bool hold = policy_ == UnknownChargePoints::Pending;
    spdlog::info("registering new charge point \"{}\" as {}", id, hold ? "Pending" : "Accepted");
    add(std::string(id), std::nullopt).registration =
        hold ? Registration::Pending : Registration::Accepted;
    if (added != nullptr) *added = true;
    return Admission::Accepted;
  }
  if (!record->password_hash) return Admission::Accepted;
  if (!password || !verify_password(*password, *record->password_hash))
    return Admission::WrongPassword;
  return Admission::Accepted;
}

ChargePointRecord* ChargePointRegistry::find(std::string_view id) {
  const auto it = records_.find(id);
  return it == records_.end() ? nullptr : &it->second;
}

bool ChargePointRegistry::remove(std::string_view id) {
  const auto it = records_.find(id);
  if (it == records_.end()) return false;
  records_.erase(it);
  return true;
}

}  // namespace csms
