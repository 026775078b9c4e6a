#pragma once
// Transactions on the one connector (OCPP 1.6 §4.8, §4.10, §5.11, §5.12): who starts them (a
// plugged-in vehicle with plug-and-charge, a RemoteStartTransaction, an idTag presented locally),
// who stops them (unplugging, RemoteStopTransaction, Reset, an invalid id, the local user) and what
// survives a power cut. Every step is written to the journal before the message reporting it is
// queued in the outbox.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/after_answer.hpp"
#include "common/clock.hpp"
#include "common/event_loop.hpp"
#include "domain/configuration_store.hpp"
#include "domain/connector_model.hpp"
#include "domain/persistence_ports.hpp"
#include "features/core/authorization.hpp"
#include "features/core/transaction_outbox.hpp"
#include "ocpp/messages/core_remote.hpp"
#include "ocpp/messages/core_transaction.hpp"
#include "ocpp/router.hpp"

namespace chargepoint::core {

struct TransactionSettings {
  // Plug-and-charge: EO boxes have no card reader, so this idTag is presented whenever a vehicle is
  // plugged in (empty = off: a transaction then needs a remote start or a local start).
  std::string plug_and_charge_id_tag;
};

struct TransactionPorts {
  TransactionJournal& journal;
  TransactionOutbox& outbox;
  Authorizer& authorizer;
  ConnectorModel& model;
};

class Transactions {
 public:
  // The energy register in Wh (never backwards); supplied by the metering feature.
  using EnergyRegister = std::function<std::int64_t()>;

  Transactions(TransactionPorts ports, ConfigurationStore& config, common::TimerFactory& timers,
               const common::Clock& clock, TransactionSettings settings, EnergyRegister energy_wh);

  // After a restart: closes every transaction the journal still holds open (reason PowerLoss, with
  // the last checkpoint), unless its StopTransaction is already queued.
  // `last_alive`: the latest moment the box is known to have run (the stored register's time); the
  // StopTransaction is stamped with the latest of that, the last checkpoint and the start.
  void recover(std::optional<common::WallTime> last_alive = std::nullopt);
  void register_handlers(ocpp::Router& router);

  // Inputs.
  void vehicle_changed(hal::VehicleState state);
  // An idTag presented at the box (the local UI, a future reader): starts, or stops the own
  // transaction.
  void present_id_tag(const std::string& id_tag);
  // Stops the running transaction, if any (Reset, the local user, an emergency).
  void stop(ocpp::messages::StopReason reason, std::optional<std::string> id_tag = std::nullopt);
  // The connector became Operative again: a vehicle that waited plugged in now gets its
  // plug-and-charge.
  void became_operative();
  // Checkpoints the meter of the running transaction (the caller decides how rarely: SD card).
  void checkpoint();

  ocpp::messages::RemoteStartTransactionResponse remote_start(
      const ocpp::messages::RemoteStartTransactionRequest& request);
  ocpp::messages::RemoteStopTransactionResponse remote_stop(
      const ocpp::messages::RemoteStopTransactionRequest& request);

  bool active() const { return active_.has_value(); }
  // The central system's id, -1 while it is not known yet; nullopt without a transaction.
  std::optional<int> transaction_id() const;
  std::optional<std::int64_t> local_id() const;
  // Whether the vehicle may draw energy now (a transaction runs and its id was not refused).
  bool energy_allowed() const;
  // The TxProfile of the last accepted RemoteStartTransaction, kept for smart charging.
  const std::optional<ocpp::messages::ChargingProfile>& remote_start_profile() const {
    return remote_profile_;
  }

  std::function<void()> on_energy_allowed_changed;
  std::function<void(std::int64_t local_id)> on_started;
  std::function<void(std::int64_t local_id)> on_stopped;
  std::function<void(int transaction_id)> on_transaction_id;
  // StopTransaction.transactionData (StopTxnSampledData / StopTxnAlignedData), asked for at the
  // stop.
  std::function<std::optional<nlohmann::json>()> stop_transaction_data;

 private:
  struct Active {
    std::int64_t local_id = 0;
    std::string id_tag;
    std::int64_t meter_start_wh = 0;
    std::optional<int> transaction_id;
    bool deauthorized = false;
  };
  struct Waiting {  // authorised, waiting for a vehicle (ConnectionTimeOut)
    std::string id_tag;
  };

  void authorize_then_start(const std::string& id_tag);
  void wait_for_vehicle(const std::string& id_tag);
  void start(const std::string& id_tag);
  void start_confirmed(std::int64_t local_id,
                       const ocpp::messages::StartTransactionResponse& response);
  void deauthorize();
  bool vehicle_present() const;
  void notify_energy();
  bool operative() const;

  TransactionJournal& journal_;
  TransactionOutbox& outbox_;
  Authorizer& authorizer_;
  ConnectorModel& model_;
  ConfigurationStore& config_;
  const common::Clock& clock_;
  TransactionSettings settings_;
  EnergyRegister energy_wh_;
  std::unique_ptr<common::Timer> connection_timer_;
  common::AfterAnswer after_answer_;
  bool vehicle_was_present_ = false;
  std::optional<Active> active_;
  std::optional<Waiting> waiting_;
  std::optional<ocpp::messages::ChargingProfile> remote_profile_;
  bool authorizing_ = false;
  bool energy_allowed_ = false;
};

}  // namespace chargepoint::core
