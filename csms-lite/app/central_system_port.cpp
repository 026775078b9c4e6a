// CentralSystemPortAdapter: charge points, registration, commands and live events.
#include "app/central_system_port.hpp"

#include <memory>

#include "api/json_views.hpp"
#include "features/meter_readings.hpp"
#include "ocpp/types/datetime.hpp"

namespace csms {

namespace {

using api::PortError;
using api::PortErrorKind;

std::optional<api::Time> time_of(const std::optional<ocpp::DateTime>& at) {
  if (!at) return std::nullopt;
  return api::Time(at->time_point());
}

std::optional<double> number_at(const nlohmann::json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end() || !it->is_number()) return std::nullopt;
  return it->get<double>();
}

std::optional<std::string> text_at(const nlohmann::json& object, const char* key) {
  if (!object.is_object()) return std::nullopt;
  const auto it = object.find(key);
  if (it == object.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

// Current is reported in A (OCPP 1.6 §7.46 UnitOfMeasure has no other current unit).
double amperes(const Reading& reading) {
  return reading.value;
}

// "Current.Import.L2" → "L2": the EO board's mains CT clamps report per phase at the Inlet.
std::optional<std::string> ct_channel(const std::string& key) {
  if (key.rfind("Current.Import", 0) != 0) return std::nullopt;
  for (const char* phase : {"L1", "L2", "L3"}) {
    if (key.size() >= 2 && key.compare(key.size() - 2, 2, phase) == 0) return std::string(phase);
  }
  return std::nullopt;
}

api::ConnectorView connector_view(int id, const ConnectorState& state,
                                  const nlohmann::json& open_transactions) {
  api::ConnectorView view;
  view.connector_id = id;
  view.status = state.status;
  view.error_code = state.error_code.empty() ? "NoError" : state.error_code;
  view.info = state.info;
  if (state.timestamp.time_point().time_since_epoch().count() != 0) {
    view.status_at = api::Time(state.timestamp.time_point());
  }
  if (state.offered)
    view.offered = api::OfferedCurrent{state.offered->limit_a, state.offered->source};
  const auto summary = readings_summary(state);
  view.current_a = number_at(summary, "current_a");
  view.power_w = number_at(summary, "power_w");
  view.voltage_v = number_at(summary, "voltage_v");
  view.energy_register_wh = number_at(summary, "energy_wh");
  view.transaction_id = state.transaction_id;
  if (state.transaction_id) {
    for (const auto& t : open_transactions) {
      if (t.value("transactionId", std::int64_t{-1}) != *state.transaction_id) continue;
      const auto start = number_at(t, "meterStartWh");
      if (start && view.energy_register_wh) {
        view.session_energy_wh = *view.energy_register_wh - *start;
      }
      if (const auto at = text_at(t, "start")) {
        if (const auto parsed = ocpp::DateTime::parse(*at)) {
          view.transaction_started_at = api::Time(parsed->time_point());
        }
      }
    }
  }
  return view;
}

api::ChargerView charger_view(const ChargePointRecord& record,
                              const nlohmann::json& open_transactions) {
  api::ChargerView view;
  view.id = record.id;
  view.connected = record.connected;
  view.registration = std::string(to_string(record.registration));
  view.vendor = text_at(record.last_boot, "chargePointVendor");
  view.model = text_at(record.last_boot, "chargePointModel");
  view.firmware = text_at(record.last_boot, "firmwareVersion");
  view.last_seen = time_of(record.last_seen);
  view.messages_in = record.messages_in;
  for (const auto& [channel, reading] : record.ct_channels) {
    view.ct.push_back(
        {channel, reading.current_a, reading.raw_a, api::Time(reading.at.time_point())});
  }
  for (const auto& [id, connector] : record.connectors) {
    for (const auto& [key, reading] : connector.ct_readings) {
      if (const auto channel = ct_channel(key)) {
        view.ct.push_back(
            {*channel, amperes(reading), std::nullopt, api::Time(reading.at.time_point())});
      }
    }
    if (id == 0) {
      view.status = connector.status;
      continue;
    }
    view.connectors.push_back(connector_view(id, connector, open_transactions));
  }
  return view;
}

api::CommandError command_error(const CommandError& error) {
  switch (error.kind) {
    case CommandErrorKind::NotConnected:
    case CommandErrorKind::ConnectionClosed:
      return {api::CommandErrorKind::NotConnected, "", error.description};
    case CommandErrorKind::Timeout:
      return {api::CommandErrorKind::Timeout, "", error.description};
    case CommandErrorKind::CallError:
    case CommandErrorKind::InvalidResponse:
    case CommandErrorKind::UnknownAction:
    case CommandErrorKind::InvalidPayload:
    case CommandErrorKind::QueueFull:
      break;
  }
  return {api::CommandErrorKind::CallError, error.code.empty() ? "InternalError" : error.code,
          error.description};
}

}  // namespace

CentralSystemPortAdapter::CentralSystemPortAdapter(CentralSystem& central, store::Store& store)
    : central_(central), store_(store) {}

std::optional<api::ChargerView> CentralSystemPortAdapter::view_of(std::string_view id,
                                                                  bool with_cost) {
  const auto* record = central_.registry().find(id);
  if (record == nullptr) return std::nullopt;
  nlohmann::json open = nlohmann::json::array();
  if (const auto detail = central_.charge_point(id)) open = detail->value("openTransactions", open);
  auto view = charger_view(*record, open);
  if (!with_cost || plans_ == nullptr || open.empty()) return view;
  std::optional<Costing> with;
  for (auto& connector : view.connectors) {
    if (!connector.transaction_id || !connector.transaction_started_at) continue;
    for (const auto& t : open) {
      if (t.value("transactionId", std::int64_t{-1}) != *connector.transaction_id) continue;
      if (!with && !(with = costing(nullptr))) return view;
      api::TransactionView running;
      running.id = *connector.transaction_id;
      running.charger_id = view.id;
      running.connector_id = connector.connector_id;
      running.started_at = *connector.transaction_started_at;
      running.meter_start_wh = number_at(t, "meterStartWh").value_or(0.0);
      add_cost(running, *with);
      connector.session_cost = running.cost;
      connector.currency = running.currency;
    }
  }
  return view;
}

std::vector<api::ChargerView> CentralSystemPortAdapter::chargers() {
  std::vector<api::ChargerView> views;
  for (const auto& [id, record] : central_.registry().all()) {
    if (auto view = view_of(id)) views.push_back(std::move(*view));
  }
  return views;
}

api::PortResult<api::ChargerDetail> CentralSystemPortAdapter::charger(std::string_view id) {
  auto view = view_of(id);
  if (!view)
    return PortError{PortErrorKind::NotFound, "no charge point \"" + std::string(id) + "\"", ""};
  api::ChargerDetail detail{std::move(*view), nlohmann::json::object(), std::nullopt};
  const auto* record = central_.registry().find(id);
  // The registry keeps GetConfiguration's {value, readonly} per key; the API shows key → value.
  if (record->configuration.is_object()) {
    for (const auto& [key, entry] : record->configuration.items()) {
      detail.configuration[key] =
          entry.is_object() ? entry.value("value", nlohmann::json()) : entry;
    }
  }
  detail.configuration_at = time_of(record->configuration_read_at);
  return detail;
}

api::PortResult<nlohmann::json> CentralSystemPortAdapter::charger_record(std::string_view id) {
  auto json = central_.charge_point(id);
  const auto* record = central_.registry().find(id);
  if (!json || record == nullptr) {
    return PortError{PortErrorKind::NotFound, "no charge point \"" + std::string(id) + "\"", ""};
  }
  (*json)["messagesIn"] = record->messages_in;
  (*json)["lastMeterValues"] = record->last_meter_values;
  return std::move(*json);
}

api::PortResult<api::FrameLogView> CentralSystemPortAdapter::frame_log(std::string_view id) {
  const auto* record = central_.registry().find(id);
  if (record == nullptr) {
    return PortError{PortErrorKind::NotFound, "no charge point \"" + std::string(id) + "\"", ""};
  }
  api::FrameLogView view;
  view.capacity = record->frames.capacity();
  const auto& frames = record->frames.frames();
  for (auto it = frames.rbegin(); it != frames.rend(); ++it) {
    view.frames.push_back(api::FrameView{it->at, std::string(to_string(it->direction)), it->type,
                                         it->message_id, it->action, it->text, it->size_bytes,
                                         it->truncated});
  }
  return view;
}

api::PortStatus CentralSystemPortAdapter::set_registration(std::string_view id, bool accept,
                                                           std::string_view actor) {
  const auto* record = central_.registry().find(id);
  if (record == nullptr) {
    return PortError{PortErrorKind::NotFound, "no charge point \"" + std::string(id) + "\"", ""};
  }
  if (record->registration != Registration::Pending) {
    return PortError{PortErrorKind::Conflict,
                     "charge point \"" + std::string(id) + "\" is " +
                         std::string(to_string(record->registration)) + ", not Pending",
                     ""};
  }
  const auto done =
      central_.set_registration(id, accept ? Registration::Accepted : Registration::Rejected);
  if (!done) {
    return PortError{done.not_found ? PortErrorKind::NotFound : PortErrorKind::Unavailable,
                     done.error, ""};
  }
  record_audit(actor, "registration", id,
               std::string(accept ? "accepted " : "rejected ") + std::string(id),
               nlohmann::json::object());
  return std::nullopt;
}

api::PortStatus CentralSystemPortAdapter::send_command(std::string_view id, std::string_view action,
                                                       nlohmann::json payload,
                                                       std::string_view actor,
                                                       api::CommandDone done) {
  if (central_.registry().find(id) == nullptr) {
    return PortError{PortErrorKind::NotFound, "no charge point \"" + std::string(id) + "\"", ""};
  }
  // The facade reports a refused request through the callback, at once. The port wants those as
  // the return value (422/409 before anything was sent), and `done` only for real outcomes.
  struct State {
    bool sending = true;
    std::optional<PortError> refused;
    api::CommandDone done;
  };
  auto state = std::make_shared<State>();
  state->done = std::move(done);
  central_.send(
      std::string(id), std::string(action), std::move(payload),
      [state](const CommandResult& result) {
        if (result.ok()) {
          if (state->done) state->done(result.value());
          return;
        }
        const auto& error = result.error();
        if (state->sending) {
          if (error.kind == CommandErrorKind::UnknownAction ||
              error.kind == CommandErrorKind::InvalidPayload) {
            state->refused = PortError{PortErrorKind::Invalid, error.description, ""};
            return;
          }
          if (error.kind == CommandErrorKind::QueueFull) {
            state->refused = PortError{PortErrorKind::Conflict, error.description, ""};
            return;
          }
        }
        if (state->done) state->done(command_error(error));
      },
      std::string(actor));
  state->sending = false;
  return state->refused;
}

api::Subscription CentralSystemPortAdapter::subscribe(
    std::function<void(const api::LiveEvent&)> on_event, std::function<bool()> anyone_watching) {
  // The web UI redraws a charger from `charger` events carrying the whole charger; transactions
  // also go out as `transaction` with the facade's event. New readings only matter to a page that
  // is open: building the view costs a read of the open transactions.
  const auto token =
      central_.on_event([this, on_event, anyone_watching](const nlohmann::json& event) {
        const auto id = text_at(event, "chargePointId");
        if (!id) return;
        const auto type = event.value("type", std::string());
        const bool passing = type == "MeterValues" || type == "CtReadings";
        if (passing && anyone_watching && !anyone_watching()) return;
        // The running session's cost reads its samples: only for a page that is open.
        const bool with_cost = !anyone_watching || anyone_watching();
        if (auto view = view_of(*id, with_cost)) {
          on_event(api::LiveEvent{"charger", api::to_json(*view), passing});
        }
        if (type == "TransactionStarted" || type == "TransactionStopped") {
          on_event(api::LiveEvent{"transaction", event, false});
        }
      });
  return api::Subscription([this, token] { central_.remove_event_hook(token); });
}

}  // namespace csms
