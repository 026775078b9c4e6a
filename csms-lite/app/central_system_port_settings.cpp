// CentralSystemPortAdapter: id tags and the settings the API may change.
#include <algorithm>

#include "app/central_system_port.hpp"

namespace csms {

namespace {

using api::PortError;
using api::PortErrorKind;

// The facade's id tag table has no note column: notes live in its key/value settings.
std::string note_key(std::string_view id_tag) {
  return "api.idtag_note." + std::string(id_tag);
}
std::string setting_key(std::string_view key) {
  return "api." + std::string(key);
}

api::IdTag id_tag_view(const nlohmann::json& tag) {
  api::IdTag view;
  view.id_tag = tag.value("idTag", std::string());
  view.status = tag.value("status", std::string("Accepted"));
  if (const auto expiry = tag.find("expiryDate"); expiry != tag.end() && expiry->is_string()) {
    if (const auto parsed = ocpp::DateTime::parse(expiry->get<std::string>())) {
      view.expiry = api::Time(parsed->time_point());
    }
  }
  if (const auto parent = tag.find("parentIdTag"); parent != tag.end() && parent->is_string()) {
    view.parent_id_tag = parent->get<std::string>();
  }
  return view;
}

// An IANA zone name ("Europe/London", "UTC"): the schedules and CSV export read tzdata by it.
bool plausible_zone_name(const std::string& name) {
  if (name.empty() || name.size() > 64 || name.front() == '/' ||
      name.find("..") != std::string::npos)
    return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' ||
           c == '_' || c == '-' || c == '+';
  });
}

}  // namespace

nlohmann::json default_api_settings() {
  return {{"timeZone", "UTC"}};
}

api::PortResult<std::vector<api::IdTag>> CentralSystemPortAdapter::id_tags() {
  std::vector<api::IdTag> tags;
  for (const auto& tag : central_.id_tags()) {
    auto view = id_tag_view(tag);
    view.note = central_.setting(note_key(view.id_tag));
    tags.push_back(std::move(view));
  }
  return tags;
}

api::PortResult<api::IdTag> CentralSystemPortAdapter::id_tag(std::string_view id_tag) {
  const auto tag = central_.id_tag(id_tag);
  if (!tag)
    return PortError{PortErrorKind::NotFound, "no id tag \"" + std::string(id_tag) + "\"", ""};
  auto view = id_tag_view(*tag);
  view.note = central_.setting(note_key(view.id_tag));
  return view;
}

api::PortResult<bool> CentralSystemPortAdapter::put_id_tag(const api::IdTag& tag,
                                                           std::string_view actor) {
  const bool created = !central_.id_tag(tag.id_tag).has_value();
  nlohmann::json body = {{"idTag", tag.id_tag}, {"status", tag.status}};
  if (tag.expiry) {
    body["expiryDate"] =
        ocpp::DateTime(std::chrono::time_point_cast<std::chrono::milliseconds>(*tag.expiry));
  }
  if (tag.parent_id_tag) body["parentIdTag"] = *tag.parent_id_tag;
  if (const auto done = central_.put_id_tag(body); !done) {
    return PortError{PortErrorKind::Invalid, done.error, ""};
  }
  if (const auto done = central_.put_setting(note_key(tag.id_tag), tag.note.value_or("")); !done) {
    return PortError{PortErrorKind::Unavailable, done.error, ""};
  }
  record_audit(actor, "idtag", std::nullopt,
               std::string(created ? "added" : "changed") + " id tag " + tag.id_tag,
               {{"idTag", tag.id_tag}, {"status", tag.status}});
  return created;
}

api::PortStatus CentralSystemPortAdapter::erase_id_tag(std::string_view id_tag,
                                                       std::string_view actor) {
  if (const auto done = central_.remove_id_tag(id_tag); !done) {
    return PortError{done.not_found ? PortErrorKind::NotFound : PortErrorKind::Unavailable,
                     done.error, ""};
  }
  central_.put_setting(note_key(id_tag), "");
  record_audit(actor, "idtag", std::nullopt, "removed id tag " + std::string(id_tag),
               {{"idTag", id_tag}});
  return std::nullopt;
}

void CentralSystemPortAdapter::set_read_only_settings(nlohmann::json values) {
  read_only_settings_ = std::move(values);
}

nlohmann::json CentralSystemPortAdapter::settings() {
  auto out = default_api_settings();
  for (auto& [key, value] : out.items()) {
    if (const auto stored = central_.setting(setting_key(key)); stored && !stored->empty()) {
      auto parsed = nlohmann::json::parse(*stored, nullptr, false);
      if (!parsed.is_discarded()) value = std::move(parsed);
    }
  }
  for (const auto& [key, value] : read_only_settings_.items()) out[key] = value;
  return out;
}

api::PortResult<nlohmann::json> CentralSystemPortAdapter::update_settings(
    const nlohmann::json& changes, std::string_view actor) {
  if (!changes.is_object()) return PortError{PortErrorKind::Invalid, "settings are an object", ""};
  const auto defaults = default_api_settings();
  // All checked before anything is written: a request changes all its keys or none.
  for (const auto& [key, value] : changes.items()) {
    if (read_only_settings_.contains(key)) {
      return PortError{PortErrorKind::Invalid,
                       "\"" + key + "\" is set in csms-lite's configuration file", key};
    }
    if (!defaults.contains(key)) return PortError{PortErrorKind::Invalid, "unknown setting", key};
    if (key == "timeZone" &&
        (!value.is_string() || !plausible_zone_name(value.get<std::string>()))) {
      return PortError{PortErrorKind::Invalid, "\"timeZone\" must be an IANA zone name", key};
    }
    if (zone_check_ && key == "timeZone") {
      if (auto error = zone_check_(value.get<std::string>()); !error.empty()) {
        return PortError{PortErrorKind::Invalid, error, key};
      }
    }
  }
  for (const auto& [key, value] : changes.items()) {
    if (const auto done = central_.put_setting(setting_key(key), value.dump()); !done) {
      return PortError{PortErrorKind::Unavailable, done.error, ""};
    }
  }
  record_audit(actor, "settings", std::nullopt, "settings changed", changes);
  return settings();
}

}  // namespace csms
