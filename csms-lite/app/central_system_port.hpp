#pragma once
// csms::CentralSystem seen through the HTTP API's port (api/ports.hpp). The facade's JSON and the
// registry's records become the port's view structs; the facade's command errors become the three
// the API knows; live facade events become the SSE types the web UI listens for.
//
// Audit: commands come from the facade's command log (actor = requested_by); what users did through
// the API (logins, tokens, settings, id tags) is kept in the store's event log under the kind
// "api.<kind>" with the actor and summary in its detail, so both survive a restart.
#include <functional>
#include <string>
#include <string_view>

#include "api/ports.hpp"
#include "app/charging_plans.hpp"
#include "csms_domain/totals.hpp"
#include "features/central_system.hpp"
#include "store/store.hpp"

namespace csms {

class CentralSystemPortAdapter final : public api::CentralSystemPort {
 public:
  CentralSystemPortAdapter(CentralSystem& central, store::Store& store);

  std::vector<api::ChargerView> chargers() override;
  api::PortResult<api::ChargerDetail> charger(std::string_view id) override;
  api::PortResult<nlohmann::json> charger_record(std::string_view id) override;
  api::PortResult<api::FrameLogView> frame_log(std::string_view id) override;
  api::PortStatus set_registration(std::string_view id, bool accept,
                                   std::string_view actor) override;
  api::PortStatus send_command(std::string_view id, std::string_view action, nlohmann::json payload,
                               std::string_view actor, api::CommandDone done) override;

  api::PortResult<api::PageOf<api::TransactionView>> transactions(
      const api::TransactionFilter& filter) override;
  api::PortResult<std::vector<api::SeriesPoint>> series(const api::SeriesQuery& query) override;
  api::PortResult<api::PageOf<api::AuditEntry>> audit(const api::AuditFilter& filter) override;
  void record_audit(std::string_view actor, std::string_view kind,
                    std::optional<std::string_view> charger_id, std::string summary,
                    nlohmann::json details) override;

  api::PortResult<std::vector<api::IdTag>> id_tags() override;
  api::PortResult<api::IdTag> id_tag(std::string_view id_tag) override;
  api::PortResult<bool> put_id_tag(const api::IdTag& tag, std::string_view actor) override;
  api::PortStatus erase_id_tag(std::string_view id_tag, std::string_view actor) override;

  nlohmann::json settings() override;
  api::PortResult<nlohmann::json> update_settings(const nlohmann::json& changes,
                                                  std::string_view actor) override;

  api::PortResult<nlohmann::json> schedule(const std::optional<std::string>& charger_id) override;
  api::PortResult<nlohmann::json> put_schedule(const std::optional<std::string>& charger_id,
                                               const nlohmann::json& plan,
                                               std::string_view actor) override;
  api::PortStatus erase_schedule(const std::optional<std::string>& charger_id,
                                 std::string_view actor) override;
  api::PortResult<nlohmann::json> tariff() override;
  api::PortResult<nlohmann::json> put_tariff(const nlohmann::json& tariff,
                                             std::string_view actor) override;
  api::PortResult<std::string> transactions_csv(const api::TransactionFilter& filter) override;

  api::Subscription subscribe(std::function<void(const api::LiveEvent&)> on_event,
                              std::function<bool()> anyone_watching) override;

  CentralSystem& central() { return central_; }
  // Plans, tariffs and the CSV export need it; until attached they answer Unavailable.
  void attach_plans(ChargingPlans& plans) { plans_ = &plans; }
  // Values shown by GET /api/settings that come from csms-lite.conf (ocppPort, ...); PUT refuses
  // them.
  void set_read_only_settings(nlohmann::json values);
  // Checks a time zone name beyond its spelling (that tzdata has it); returns why not, "" if fine.
  void set_zone_check(std::function<std::string(const std::string&)> check) {
    zone_check_ = std::move(check);
  }

 private:
  // `with_cost`: the running transactions' cost so far, a read of their samples each.
  std::optional<api::ChargerView> view_of(std::string_view id, bool with_cost = true);

  // What costing sessions needs, read once per request: the hub's zone, the tariff versions.
  struct Costing {
    domain::TimeZone zone;
    std::vector<domain::Tariff> versions;
    std::string tariff_id;  // the current tariff's
    domain::UtcTime now;    // the end of running sessions
  };
  // nullopt without plans or when the hub's zone does not load (why in `error`).
  std::optional<Costing> costing(std::string* error);
  // The session as the CSV writes it: register readings from meterStart through the stored samples
  // of the transaction to meterStop (or now), costed under the tariff version in force at its
  // start. The one code path behind every cost the API shows.
  domain::SessionRecord session_record(const api::TransactionView& t, const Costing& costing);
  // Sets t.cost and t.currency; left absent without a tariff.
  void add_cost(api::TransactionView& t, const Costing& costing);
  // The filtered, paged list without costs (the CSV costs every row itself).
  api::PortResult<api::PageOf<api::TransactionView>> uncosted_transactions(
      const api::TransactionFilter& filter);

  CentralSystem& central_;
  store::Store& store_;
  ChargingPlans* plans_ = nullptr;
  nlohmann::json read_only_settings_ = nlohmann::json::object();
  std::function<std::string(const std::string&)> zone_check_;
};

// Most rows read for one filtered list (transactions, audit): the store pages by id only, so the
// filters run here; a home installation stays far below this.
inline constexpr std::size_t k_max_scanned_rows = 20000;

// Settings the API may change, stored in the facade's key/value table as JSON text under
// "api.<key>". Defaults when never set.
nlohmann::json default_api_settings();

}  // namespace csms
