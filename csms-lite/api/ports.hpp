#pragma once
// What the HTTP API needs from the central system, as one abstract port. The csms::CentralSystem
// facade implements it (merge); the API tests use an in-memory fake. Everything is called on the
// event-loop thread and must not block; commands complete later through their callback.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

namespace csms::api {

using Time = std::chrono::system_clock::time_point;

enum class PortErrorKind {
  NotFound,     // 404: no such charge point, id tag, ...
  Conflict,     // 409: the state forbids it (accept a charge point that is not pending, ...)
  Invalid,      // 422: the facade refused a value; `field` names it
  Unavailable,  // 503: storage or another dependency failed
};

struct PortError {
  PortErrorKind kind;
  std::string message;
  std::string field;  // JSON path of the offending field, "" if none
};

template <class T>
using PortResult = std::variant<T, PortError>;
using PortStatus = std::optional<PortError>;  // nullopt: done

struct OfferedCurrent {
  double current_a;
  std::string source;  // the winning limit layer: "ChargePointMax", "TxDefault", "Tx", "Solar", ...
};

struct ConnectorView {
  int connector_id = 0;
  std::string status;  // OCPP 1.6 ChargePointStatus: "Available", "Charging", ...
  std::string error_code = "NoError";
  std::optional<std::string> info;
  std::optional<Time> status_at;
  std::optional<OfferedCurrent> offered;
  std::optional<double> current_a;  // measured, highest phase
  std::optional<double> power_w;
  std::optional<double> voltage_v;
  std::optional<double> energy_register_wh;  // Energy.Active.Import.Register
  std::optional<double> session_energy_wh;   // of the running transaction
  std::optional<std::int64_t> transaction_id;
  std::optional<Time> transaction_started_at;
  // Of the running transaction so far, as TransactionView::cost; absent without a tariff.
  std::optional<std::string> session_cost;
  std::optional<std::string> currency;
};

struct CtReading {
  // "site", "solar", "vehicle" (DataTransfer CtReadings), or "L1", "L2", "L3" (Current.Import
  // MeterValues located at the Inlet, from other charge points)
  std::string channel;
  double current_a;
  std::optional<double> raw_a = std::nullopt;  // before the charge point's calibration
  std::optional<Time> at = std::nullopt;       // when it was read
};

struct ChargerView {
  std::string id;
  bool connected = false;
  std::string registration =
      "Accepted";      // BootNotification status given: Accepted|Pending|Rejected
  std::string status;  // connector 0 (the charge point as a whole)
  std::optional<std::string> vendor;
  std::optional<std::string> model;
  std::optional<std::string> firmware;
  std::optional<Time> last_seen;
  std::vector<ConnectorView> connectors;  // connector 1..n
  std::vector<CtReading> ct;
  std::uint64_t messages_in = 0;
  std::uint64_t messages_out = 0;
  std::uint64_t errors = 0;  // CALLERRORs and malformed frames, both directions
};

// One OCPP-J frame as csms-lite saw it on the charge point's WebSocket (kept in memory only).
struct FrameView {
  Time at;
  std::string direction;  // "in" (from the charge point) or "out"
  std::string type;       // "CALL", "CALLRESULT", "CALLERROR", or "invalid" (not OCPP-J)
  std::optional<std::string> message_id;
  std::optional<std::string> action;  // a CALL's action, also on its answer when known
  std::string frame;                  // the text, cut when longer than the log keeps
  std::size_t size_bytes = 0;         // of the whole frame
  bool truncated = false;
};

struct FrameLogView {
  std::size_t capacity = 0;       // how many frames are kept; older ones are dropped
  std::vector<FrameView> frames;  // newest first
};

struct ChargerDetail {
  ChargerView charger;
  nlohmann::json configuration = nlohmann::json::object();  // last GetConfiguration: key → value
  std::optional<Time> configuration_at;
};

// A command (a CALL from the central system) ends in exactly one of these.
enum class CommandErrorKind { NotConnected, Timeout, CallError };
struct CommandError {
  CommandErrorKind kind;
  std::string code;         // CALLERROR errorCode ("NotSupported", ...) when kind == CallError
  std::string description;  // human-readable detail
};
using CommandOutcome = std::variant<nlohmann::json, CommandError>;  // the CALLRESULT payload
using CommandDone = std::function<void(CommandOutcome)>;

struct Page {
  std::size_t offset = 0;
  std::size_t limit = 50;
};

struct TransactionFilter {
  std::optional<std::string> charger_id;
  std::optional<std::string> id_tag;
  std::optional<Time> from;  // started at or after
  std::optional<Time> to;    // started before
  std::optional<bool> active;
  Page page;
};

struct TransactionView {
  std::int64_t id = 0;
  std::string charger_id;
  int connector_id = 0;
  std::string id_tag;
  Time started_at;
  std::optional<Time> stopped_at;
  double meter_start_wh = 0;
  std::optional<double> meter_stop_wh;
  std::optional<std::string> stop_reason;
  // Under the tariff version in force at the start, in the major unit as the CSV writes it
  // ("12.34"); so far while running. Absent without a tariff.
  std::optional<std::string> cost;
  std::optional<std::string> currency;
};

template <class T>
struct PageOf {
  std::vector<T> items;
  std::size_t total = 0;  // matching items over all pages
};

struct SeriesQuery {
  std::string charger_id;
  Time from;
  Time to;
  std::chrono::seconds step{60};
  std::optional<int> connector_id;
};

struct SeriesPoint {
  Time at;  // start of the step
  std::optional<double> current_a;
  std::optional<double> power_w;
  std::optional<double> voltage_v;
  std::optional<double> energy_wh;
  // CT clamps (site-wide: whatever connector was asked), calibrated and raw.
  std::optional<double> ct_site_a;
  std::optional<double> ct_solar_a;
  std::optional<double> ct_vehicle_a;
  std::optional<double> ct_site_raw_a;
  std::optional<double> ct_solar_raw_a;
  std::optional<double> ct_vehicle_raw_a;
};

struct AuditFilter {
  std::optional<std::string> charger_id;
  std::optional<std::string> kind;
  std::optional<Time> from;
  std::optional<Time> to;
  Page page;
};

struct AuditEntry {
  std::int64_t id = 0;
  Time at;
  std::string actor;  // "admin", "token:ha", "charge point", "system"
  std::string kind;   // "command", "login", "settings", "idtag", "registration", ...
  std::optional<std::string> charger_id;
  std::string summary;
  nlohmann::json details = nlohmann::json::object();
};

struct IdTag {
  std::string id_tag;               // OCPP IdToken, at most 20 characters
  std::string status = "Accepted";  // OCPP 1.6 AuthorizationStatus
  std::optional<Time> expiry;
  std::optional<std::string> parent_id_tag;
  std::optional<std::string> note;
};

struct LiveEvent {
  std::string type;  // "charger", "connector", "meter", "transaction", "command", ...
  nlohmann::json data;
  // New readings only: sent to the pages open now but not kept for a client that resumes with
  // Last-Event-ID (the next readings come within seconds; the history keeps the state changes).
  bool passing = false;
};

// Cancels its subscription when destroyed.
class Subscription {
 public:
  Subscription() = default;
  explicit Subscription(std::function<void()> cancel) : cancel_(std::move(cancel)) {}
  Subscription(Subscription&& other) noexcept : cancel_(std::exchange(other.cancel_, nullptr)) {}
  Subscription& operator=(Subscription&& other) noexcept {
    if (this != &other) {
      reset();
      cancel_ = std::exchange(other.cancel_, nullptr);
    }
    return *this;
  }
  Subscription(const Subscription&) = delete;
  Subscription& operator=(const Subscription&) = delete;
  ~Subscription() { reset(); }
  void reset() {
    if (auto cancel = std::exchange(cancel_, nullptr)) cancel();
  }

 private:
  std::function<void()> cancel_;
};

class CentralSystemPort {
 public:
  virtual ~CentralSystemPort() = default;

  virtual std::vector<ChargerView> chargers() = 0;
  virtual PortResult<ChargerDetail> charger(std::string_view id) = 0;
  // The central system's whole record of one charge point as it keeps it (the last
  // BootNotification, configuration keys with their readonly flags, message count, last
  // heartbeat, the latest MeterValues payload): for diagnostics and end-to-end tests.
  virtual PortResult<nlohmann::json> charger_record(std::string_view id) = 0;
  // The last OCPP-J frames both ways (GET /api/chargers/{id}/log), for power users.
  virtual PortResult<FrameLogView> frame_log(std::string_view id) = 0;
  // Pending → Accepted or Rejected (the next BootNotification.conf carries it).
  virtual PortStatus set_registration(std::string_view id, bool accept, std::string_view actor) = 0;
  // Sends `action` with `payload` (validated by the facade against the OCPP schema). `done` runs
  // exactly once, later or at once; a refused payload is reported through the return value instead
  // and `done` then never runs.
  virtual PortStatus send_command(std::string_view id, std::string_view action,
                                  nlohmann::json payload, std::string_view actor,
                                  CommandDone done) = 0;

  virtual PortResult<PageOf<TransactionView>> transactions(const TransactionFilter& filter) = 0;
  virtual PortResult<std::vector<SeriesPoint>> series(const SeriesQuery& query) = 0;
  virtual PortResult<PageOf<AuditEntry>> audit(const AuditFilter& filter) = 0;
  // Records what a user did through the API (logins, tokens, settings).
  virtual void record_audit(std::string_view actor, std::string_view kind,
                            std::optional<std::string_view> charger_id, std::string summary,
                            nlohmann::json details) = 0;

  virtual PortResult<std::vector<IdTag>> id_tags() = 0;
  virtual PortResult<IdTag> id_tag(std::string_view id_tag) = 0;
  // Creates or replaces; returns true when it was created.
  virtual PortResult<bool> put_id_tag(const IdTag& tag, std::string_view actor) = 0;
  virtual PortStatus erase_id_tag(std::string_view id_tag, std::string_view actor) = 0;

  virtual nlohmann::json settings() = 0;
  // A partial object: only the keys given change. Invalid keys or values: Invalid with `field`.
  virtual PortResult<nlohmann::json> update_settings(const nlohmann::json& changes,
                                                     std::string_view actor) = 0;

  // ---- weekly charging plans and the tariff (docs/schedules.md), JSON in csms_domain's forms ----
  // {"charger": id|null, "plan": {...}|null, "inherited": bool, "next_window": {...}|null}; the
  // global plan when `charger_id` is nullopt, else that charger's (or the global one it inherits).
  virtual PortResult<nlohmann::json> schedule(const std::optional<std::string>& charger_id) = 0;
  // Validates, stores, and sends the compiled TxDefaultProfiles to the connected charger(s); the
  // answer is schedule() plus "sent_to": [ids].
  virtual PortResult<nlohmann::json> put_schedule(const std::optional<std::string>& charger_id,
                                                  const nlohmann::json& plan,
                                                  std::string_view actor) = 0;
  // Removes a charger's own plan (the global one applies to it again), or with nullopt the global
  // plan; a charger left without a plan has its schedule profiles cleared.
  virtual PortStatus erase_schedule(const std::optional<std::string>& charger_id,
                                    std::string_view actor) = 0;
  // {"tariff": {...}|null, "versions": n}
  virtual PortResult<nlohmann::json> tariff() = 0;
  // Saves a new version (numbered by the server, in force from now on); answers as tariff().
  virtual PortResult<nlohmann::json> put_tariff(const nlohmann::json& tariff,
                                                std::string_view actor) = 0;
  // The matching sessions (all pages) as CSV: csms_domain's SessionCsvWriter columns, local times
  // in the settings' time zone, cost under the tariff version in force at each start.
  virtual PortResult<std::string> transactions_csv(const TransactionFilter& filter) = 0;

  // Live changes for GET /api/events; the callback runs on the loop until the Subscription goes.
  // `anyone_watching` says whether passing changes (new meter readings, many a second on a busy
  // site) are wanted now: without a watcher they are not even built.
  virtual Subscription subscribe(std::function<void(const LiveEvent&)> on_event,
                                 std::function<bool()> anyone_watching) = 0;
};

}  // namespace csms::api
