#include "features/core/transactions.hpp"

#include <algorithm>

#include <spdlog/spdlog.h>

namespace chargepoint::core {

using hal::VehicleState;
using ocpp::messages::RemoteStartStopStatus;
using ocpp::messages::StopReason;

namespace {

ocpp::DateTime to_datetime(common::WallTime time) {
  return ocpp::DateTime(std::chrono::time_point_cast<std::chrono::milliseconds>(time));
}

nlohmann::json transaction_id_or_placeholder(std::optional<int> id) {
  // null = not known yet: the outbox patches it in when StartTransaction.conf arrives (or sends
  // -1).
  return id ? nlohmann::json(*id) : nlohmann::json(nullptr);
}

int clamp_to_int(std::int64_t wh) {
  return static_cast<int>(std::clamp<std::int64_t>(wh, 0, std::numeric_limits<int>::max()));
}

}  // namespace

Transactions::Transactions(TransactionPorts ports, ConfigurationStore& config,
                           common::TimerFactory& timers, const common::Clock& clock,
                           TransactionSettings settings, EnergyRegister energy_wh)
    : journal_(ports.journal),
      outbox_(ports.outbox),
      authorizer_(ports.authorizer),
      model_(ports.model),
      config_(config),
      clock_(clock),
      settings_(std::move(settings)),
      energy_wh_(std::move(energy_wh)),
      connection_timer_(timers.make_timer()),
      after_answer_(timers) {
  outbox_.on_start_confirmed = [this](std::int64_t local_id, const auto& response) {
    start_confirmed(local_id, response);
  };
}

void Transactions::register_handlers(ocpp::Router& router) {
  router.on<ocpp::messages::RemoteStartTransactionRequest>(
      [this](const auto& request) { return remote_start(request); });
  router.on<ocpp::messages::RemoteStopTransactionRequest>(
      [this](const auto& request) { return remote_stop(request); });
}

void Transactions::recover(std::optional<common::WallTime> last_alive) {
  for (const auto& record : journal_.unfinished()) {
    // The restored register covers everything reported before the cut (Metering::k_reserve_wh), so
    // meterStop is never below a MeterValues the central system already has.
    const auto meter_stop_wh =
        std::max({record.last_meter_wh, record.meter_start_wh, energy_wh_()});
    // Never before a MeterValues the central system already has: those were reported no later than
    // the register was last stored.
    const auto at =
        std::max({record.last_meter_at, record.started_at, last_alive.value_or(record.started_at)});
    if (outbox_.contains(record.local_id, "StopTransaction")) {
      // Killed between queueing the StopTransaction and closing the journal entry: it is on its
      // way.
      journal_.finish(record.local_id, meter_stop_wh, at, "Local");
      continue;
    }
    spdlog::warn(
        "transaction {} was interrupted (power loss or crash): closing it with reason PowerLoss at "
        "{} Wh",
        record.local_id, meter_stop_wh);
    nlohmann::json payload = {
        {"meterStop", clamp_to_int(meter_stop_wh)},
        {"timestamp", to_datetime(at)},
        {"transactionId", transaction_id_or_placeholder(record.transaction_id)},
        {"reason", "PowerLoss"}};
    outbox_.enqueue("StopTransaction", payload, record.local_id);
    journal_.finish(record.local_id, meter_stop_wh, at, "PowerLoss");
  }
}

bool Transactions::vehicle_present() const {
  return hal::vehicle_present(model_.vehicle());
}

bool Transactions::operative() const {
  return model_.operative(0) && model_.operative(ConnectorModel::k_connector_id);
}

void Transactions::vehicle_changed(VehicleState state) {
  if (state == VehicleState::unknown)
    return;  // the board is starting or not answering: decide nothing
  const bool present = state != VehicleState::no_vehicle;
  const bool plugged_in_now = present && !vehicle_was_present_;
  vehicle_was_present_ = present;
  if (plugged_in_now) {
    if (waiting_) {
      start(waiting_->id_tag);
    } else if (!active_ && !authorizing_ && !settings_.plug_and_charge_id_tag.empty() &&
               operative()) {
      spdlog::info("transactions: vehicle plugged in; plug-and-charge with idTag '{}'",
                   settings_.plug_and_charge_id_tag);
      authorize_then_start(settings_.plug_and_charge_id_tag);
    }
    return;
  }
  if (!present && active_ && config_.get_bool("StopTransactionOnEVSideDisconnect")) {
    stop(StopReason::EVDisconnected);
  }
}

void Transactions::became_operative() {
  if (active_ || authorizing_ || waiting_ || !operative() || !vehicle_present()) return;
  if (settings_.plug_and_charge_id_tag.empty()) return;
  spdlog::info(
      "transactions: connector available again with a vehicle plugged in; plug-and-charge with "
      "idTag '{}'",
      settings_.plug_and_charge_id_tag);
  authorize_then_start(settings_.plug_and_charge_id_tag);
}

void Transactions::present_id_tag(const std::string& id_tag) {
  if (active_) {
    if (id_tag == active_->id_tag) return stop(StopReason::Local, id_tag);
    spdlog::info("transactions: idTag '{}' did not start the running transaction; ignored", id_tag);
    return;
  }
  if (authorizing_ || waiting_) return;
  authorize_then_start(id_tag);
}

void Transactions::authorize_then_start(const std::string& id_tag) {
  authorizing_ = true;
  authorizer_.authorize(id_tag, [this, id_tag](const AuthDecision& decision) {
    authorizing_ = false;
    if (!decision.accepted()) {
      remote_profile_.reset();
      return;
    }
    if (active_) return;
    if (vehicle_present()) {
      start(id_tag);
    } else {
      wait_for_vehicle(id_tag);
    }
  });
}

void Transactions::wait_for_vehicle(const std::string& id_tag) {
  waiting_ = Waiting{id_tag};
  model_.set_authorized_waiting(true);
  const auto timeout = std::chrono::seconds(config_.get_int("ConnectionTimeOut"));
  connection_timer_->start(timeout, [this, timeout] {
    spdlog::info("transactions: no vehicle within ConnectionTimeOut ({} s); authorisation dropped",
                 timeout.count());
    waiting_.reset();
    remote_profile_.reset();  // it belonged to that remote start, not to the next transaction
    model_.set_authorized_waiting(false);
  });
}

void Transactions::start(const std::string& id_tag) {
  connection_timer_->cancel();
  waiting_.reset();
  if (active_) return;
  if (!operative()) {
    spdlog::warn("transactions: not starting for '{}': the connector is Unavailable", id_tag);
    model_.set_authorized_waiting(false);
    return;
  }
  TransactionRecord record;
  record.connector_id = ConnectorModel::k_connector_id;
  record.id_tag = id_tag;
  record.meter_start_wh = energy_wh_();
  record.started_at = clock_.now();
  record.last_meter_wh = record.meter_start_wh;
  record.last_meter_at = record.started_at;
  const auto local_id = journal_.begin(record);
  if (local_id <= 0) {
    // Charging without a record would be a transaction nobody could ever bill or close.
    spdlog::error("transactions: could not record a new transaction; not starting");
    model_.set_authorized_waiting(false);
    return;
  }
  // One status change for the start and the offer that follows it (no passing SuspendedEVSE), and
  // reported after StartTransaction is queued, the order central systems expect (OCTT TC_003).
  const ConnectorModel::Batch batch(model_);
  active_ = Active{local_id, id_tag, record.meter_start_wh, std::nullopt, false};
  model_.set_transaction(TransactionPhase::active);
  spdlog::info("transactions: transaction {} started for '{}' at {} Wh", local_id, id_tag,
               record.meter_start_wh);
  nlohmann::json payload = {{"connectorId", record.connector_id},
                            {"idTag", id_tag},
                            {"meterStart", clamp_to_int(record.meter_start_wh)},
                            {"timestamp", to_datetime(record.started_at)}};
  outbox_.enqueue("StartTransaction", payload, local_id);
  notify_energy();
  if (on_started) on_started(local_id);
}

void Transactions::start_confirmed(std::int64_t local_id,
                                   const ocpp::messages::StartTransactionResponse& response) {
  journal_.set_transaction_id(local_id, response.transactionId);
  if (!active_ || active_->local_id != local_id) return;
  active_->transaction_id = response.transactionId;
  if (on_transaction_id) on_transaction_id(response.transactionId);
  authorizer_.remember(active_->id_tag, response.idTagInfo);
  if (response.idTagInfo.status != ocpp::messages::AuthorizationStatus::Accepted) deauthorize();
}

void Transactions::deauthorize() {
  spdlog::warn("transactions: the central system refused idTag '{}' of transaction {}",
               active_->id_tag, active_->local_id);
  active_->deauthorized = true;
  // OCPP 1.6 §4.8 / §9.1 StopTransactionOnInvalidId; otherwise the EVSE suspends
  // (MaxEnergyOnInvalidId).
  if (config_.get_bool("StopTransactionOnInvalidId")) return stop(StopReason::DeAuthorized);
  notify_energy();
}

void Transactions::stop(StopReason reason, std::optional<std::string> id_tag) {
  if (waiting_) {
    connection_timer_->cancel();
    waiting_.reset();
    model_.set_authorized_waiting(false);
  }
  if (!active_) return;
  const auto meter_stop_wh = energy_wh_();
  const auto now = clock_.now();
  nlohmann::json payload = {
      {"meterStop", clamp_to_int(meter_stop_wh)},
      {"timestamp", to_datetime(now)},
      {"transactionId", transaction_id_or_placeholder(active_->transaction_id)},
      {"reason", ocpp::messages::to_string(reason)}};
  if (id_tag) payload["idTag"] = *id_tag;
  if (stop_transaction_data) {
    if (auto data = stop_transaction_data()) payload["transactionData"] = std::move(*data);
  }
  const auto local_id = active_->local_id;
  spdlog::info("transactions: transaction {} stopped ({}) at {} Wh, {} Wh charged", local_id,
               ocpp::messages::to_string(reason), meter_stop_wh,
               meter_stop_wh - active_->meter_start_wh);
  // Queued first, then the journal closed: a kill in between leaves an open journal entry whose
  // StopTransaction is already queued, which recover() recognises.
  outbox_.enqueue("StopTransaction", payload, local_id);
  journal_.finish(local_id, meter_stop_wh, now, std::string(ocpp::messages::to_string(reason)));
  active_.reset();
  remote_profile_.reset();
  model_.set_transaction(TransactionPhase::finishing);
  notify_energy();
  if (on_stopped) on_stopped(local_id);
}

void Transactions::checkpoint() {
  if (!active_) return;
  journal_.checkpoint(active_->local_id, energy_wh_(), clock_.now());
  notify_energy();  // MaxEnergyOnInvalidId may be used up now
}

bool Transactions::energy_allowed() const {
  if (!active_) return false;
  if (!active_->deauthorized) return true;
  const auto allowance = config_.get_int("MaxEnergyOnInvalidId");
  return allowance > 0 && energy_wh_() - active_->meter_start_wh < allowance;
}

void Transactions::notify_energy() {
  const bool allowed = energy_allowed();
  if (allowed == energy_allowed_) return;
  energy_allowed_ = allowed;
  if (on_energy_allowed_changed) on_energy_allowed_changed();
}

std::optional<int> Transactions::transaction_id() const {
  if (!active_) return std::nullopt;
  return active_->transaction_id.value_or(TransactionOutbox::k_unknown_transaction_id);
}

std::optional<std::int64_t> Transactions::local_id() const {
  if (!active_) return std::nullopt;
  return active_->local_id;
}

ocpp::messages::RemoteStartTransactionResponse Transactions::remote_start(
    const ocpp::messages::RemoteStartTransactionRequest& request) {
  const auto reject = [&](std::string_view why) {
    spdlog::info("RemoteStartTransaction for '{}' rejected: {}", request.idTag, why);
    return ocpp::messages::RemoteStartTransactionResponse{RemoteStartStopStatus::Rejected};
  };
  // §5.11: connectorId 0 is not a connector; this box has connector 1 only.
  if (request.connectorId && *request.connectorId != ConnectorModel::k_connector_id)
    return reject("no such connector");
  if (active_) return reject("a transaction is running");
  if (authorizing_ || waiting_) return reject("a start is already under way");
  if (!operative()) return reject("the connector is Unavailable");
  if (model_.status(ConnectorModel::k_connector_id).status ==
      ocpp::messages::ChargePointStatus::Faulted) {
    return reject("the connector is Faulted");
  }
  if (request.chargingProfile && request.chargingProfile->chargingProfilePurpose !=
                                     ocpp::messages::ChargingProfilePurpose::TxProfile) {
    return reject("the charging profile's purpose must be TxProfile");
  }
  remote_profile_ = request.chargingProfile;
  const auto id_tag = request.idTag;
  after_answer_.run([this, id_tag] {
    if (config_.get_bool("AuthorizeRemoteTxRequests")) {
      authorize_then_start(id_tag);
    } else if (vehicle_present()) {
      start(id_tag);
    } else {
      wait_for_vehicle(id_tag);
    }
  });
  return {RemoteStartStopStatus::Accepted};
}

ocpp::messages::RemoteStopTransactionResponse Transactions::remote_stop(
    const ocpp::messages::RemoteStopTransactionRequest& request) {
  if (!active_ || transaction_id() != request.transactionId) {
    spdlog::info("RemoteStopTransaction {} rejected: no such transaction running",
                 request.transactionId);
    return {RemoteStartStopStatus::Rejected};
  }
  after_answer_.run([this] { stop(StopReason::Remote); });
  return {RemoteStartStopStatus::Accepted};
}

}  // namespace chargepoint::core
