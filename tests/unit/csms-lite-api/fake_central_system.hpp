#pragma once
// An in-memory CentralSystemPort for the API tests: real behaviour (filters, paging, id tag CRUD,
// settings validation), commands completed by the test through complete_command().
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "api/ports.hpp"

namespace csms::api::testing {

struct SentCommand {
  std::string charger_id;
  std::string action;
  nlohmann::json payload;
  std::string actor;
  CommandDone done;
};

class FakeCentralSystem final : public CentralSystemPort {
 public:
  std::vector<ChargerView> chargers() override { return chargers_; }

  PortResult<ChargerDetail> charger(std::string_view id) override {
    for (const auto& c : chargers_) {
      if (c.id == id) return ChargerDetail{c, configuration, std::nullopt};
    }
    return not_found(id);
  }
  PortResult<nlohmann::json> charger_record(std::string_view id) override {
    for (const auto& c : chargers_) {
      if (c.id == id) return nlohmann::json{{"id", c.id}, {"configuration", configuration}};
    }
    return std::get<PortError>(not_found(id));
  }

  PortResult<FrameLogView> frame_log(std::string_view id) override {
    for (const auto& c : chargers_) {
      if (c.id == id) return frame_logs[c.id];
    }
    return std::get<PortError>(not_found(id));
  }

  PortStatus set_registration(std::string_view id, bool accept, std::string_view) override {
    for (auto& c : chargers_) {
      if (c.id != id) continue;
      if (c.registration != "Pending") {
        return PortError{PortErrorKind::Conflict, "charge point is not pending", ""};
      }
      c.registration = accept ? "Accepted" : "Rejected";
      return std::nullopt;
    }
    return std::get<PortError>(not_found(id));
  }

  PortStatus send_command(std::string_view id, std::string_view action, nlohmann::json payload,
                          std::string_view actor, CommandDone done) override {
    const auto found =
        std::find_if(chargers_.begin(), chargers_.end(), [&](const auto& c) { return c.id == id; });
    if (found == chargers_.end()) return std::get<PortError>(not_found(id));
    if (action == "Reset" && !payload.contains("type")) {
      return PortError{PortErrorKind::Invalid, "Reset needs \"type\"", "type"};
    }
    if (!found->connected) {
      done(CommandError{CommandErrorKind::NotConnected, "", "charge point is not connected"});
      return std::nullopt;
    }
    commands.push_back(SentCommand{std::string(id), std::string(action), std::move(payload),
                                   std::string(actor), std::move(done)});
    return std::nullopt;
  }

  PortResult<PageOf<TransactionView>> transactions(const TransactionFilter& filter) override {
    last_transaction_filter = filter;
    std::vector<TransactionView> matching;
    for (const auto& t : transactions_) {
      if (filter.charger_id && t.charger_id != *filter.charger_id) continue;
      if (filter.id_tag && t.id_tag != *filter.id_tag) continue;
      if (filter.active && (*filter.active != !t.stopped_at.has_value())) continue;
      matching.push_back(t);
    }
    return page_of(matching, filter.page);
  }

  PortResult<std::vector<SeriesPoint>> series(const SeriesQuery& query) override {
    if (auto found = charger(query.charger_id); std::get_if<PortError>(&found)) {
      return std::get<PortError>(found);
    }
    std::vector<SeriesPoint> points;
    for (auto at = query.from; at < query.to; at += query.step) {
      points.push_back(SeriesPoint{at, 16.0, 3680.0, 230.0, 1000.0, 23.5, std::nullopt,
                                   std::nullopt, 22.0, std::nullopt, std::nullopt});
    }
    return points;
  }

  PortResult<PageOf<AuditEntry>> audit(const AuditFilter& filter) override {
    std::vector<AuditEntry> matching;
    for (const auto& e : audit_) {
      if (filter.kind && e.kind != *filter.kind) continue;
      matching.push_back(e);
    }
    return page_of(matching, filter.page);
  }

  void record_audit(std::string_view actor, std::string_view kind,
                    std::optional<std::string_view> charger_id, std::string summary,
                    nlohmann::json details) override {
    audit_.push_back(AuditEntry{static_cast<std::int64_t>(audit_.size() + 1), Time{},
                                std::string(actor), std::string(kind),
                                charger_id ? std::optional<std::string>(*charger_id) : std::nullopt,
                                std::move(summary), std::move(details)});
  }

  PortResult<std::vector<IdTag>> id_tags() override {
    std::vector<IdTag> list;
    for (const auto& [id, tag] : tags_) list.push_back(tag);
    return list;
  }
  PortResult<IdTag> id_tag(std::string_view id) override {
    const auto it = tags_.find(std::string(id));
    if (it == tags_.end()) return PortError{PortErrorKind::NotFound, "no id tag", "idTag"};
    return it->second;
  }
  PortResult<bool> put_id_tag(const IdTag& tag, std::string_view) override {
    const bool created = !tags_.contains(tag.id_tag);
    tags_[tag.id_tag] = tag;
    return created;
  }
  PortStatus erase_id_tag(std::string_view id, std::string_view) override {
    if (tags_.erase(std::string(id)) == 0) {
      return PortError{PortErrorKind::NotFound, "no id tag", "idTag"};
    }
    return std::nullopt;
  }

  nlohmann::json settings() override { return settings_; }
  PortResult<nlohmann::json> update_settings(const nlohmann::json& changes,
                                             std::string_view) override {
    for (const auto& [key, value] : changes.items()) {
      if (!settings_.contains(key))
        return PortError{PortErrorKind::Invalid, "unknown setting", key};
      const auto& current = settings_[key];
      if (value.is_number() != current.is_number() || value.is_string() != current.is_string()) {
        return PortError{PortErrorKind::Invalid, "wrong type", key};
      }
    }
    for (const auto& [key, value] : changes.items()) settings_[key] = value;
    return settings_;
  }

  // Plans and tariffs: stored as given; a plan without "windows" is refused (the real checks are
  // csms_domain's, tested there and in the adapter's tests).
  PortResult<nlohmann::json> schedule(const std::optional<std::string>& charger) override {
    const auto it = plans_.find(charger.value_or(""));
    return nlohmann::json{{"charger", charger ? nlohmann::json(*charger) : nlohmann::json()},
                          {"plan", it == plans_.end() ? nlohmann::json() : it->second},
                          {"inherited", false},
                          {"next_window", nullptr}};
  }
  PortResult<nlohmann::json> put_schedule(const std::optional<std::string>& charger,
                                          const nlohmann::json& plan, std::string_view) override {
    if (!plan.contains("windows")) {
      return PortError{PortErrorKind::Invalid, "windows: missing", "windows"};
    }
    plans_[charger.value_or("")] = plan;
    auto out = std::get<nlohmann::json>(schedule(charger));
    out["sent_to"] = nlohmann::json::array();
    return out;
  }
  PortStatus erase_schedule(const std::optional<std::string>& charger, std::string_view) override {
    if (plans_.erase(charger.value_or("")) == 0) {
      return PortError{PortErrorKind::NotFound, "no plan of its own", "charger"};
    }
    return std::nullopt;
  }
  PortResult<nlohmann::json> tariff() override {
    return nlohmann::json{{"tariff", tariff_}, {"versions", tariff_.is_null() ? 0 : 1}};
  }
  PortResult<nlohmann::json> put_tariff(const nlohmann::json& tariff, std::string_view) override {
    tariff_ = tariff;
    return std::get<nlohmann::json>(this->tariff());
  }
  PortResult<std::string> transactions_csv(const TransactionFilter& filter) override {
    last_transaction_filter = filter;
    std::string csv = "session_id\r\n";
    for (const auto& t : transactions_) csv += std::to_string(t.id) + "\r\n";
    return csv;
  }

  Subscription subscribe(std::function<void(const LiveEvent&)> on_event,
                         std::function<bool()>) override {
    subscriber = std::move(on_event);
    return Subscription([this] { subscriber = nullptr; });
  }

  std::vector<ChargerView> chargers_;
  std::vector<TransactionView> transactions_;
  std::vector<AuditEntry> audit_;
  std::map<std::string, IdTag> tags_;
  std::map<std::string, nlohmann::json> plans_;  // "" = the global plan
  nlohmann::json tariff_;
  nlohmann::json settings_ = {{"heartbeatIntervalS", 300}, {"unknownChargePoints", "register"}};
  nlohmann::json configuration = {{"HeartbeatInterval", "300"}};
  std::map<std::string, FrameLogView> frame_logs;
  std::vector<SentCommand> commands;
  std::optional<TransactionFilter> last_transaction_filter;
  std::function<void(const LiveEvent&)> subscriber;

 private:
  static PortResult<ChargerDetail> not_found(std::string_view id) {
    return PortError{PortErrorKind::NotFound, "no charge point \"" + std::string(id) + "\"", "id"};
  }
  template <class T>
  static PageOf<T> page_of(const std::vector<T>& all, const Page& page) {
    PageOf<T> result;
    result.total = all.size();
    for (std::size_t i = page.offset; i < all.size() && result.items.size() < page.limit; ++i) {
      result.items.push_back(all[i]);
    }
    return result;
  }
};

}  // namespace csms::api::testing
