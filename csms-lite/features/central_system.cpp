#include "features/central_system.hpp"

#include <stdexcept>

#include <spdlog/spdlog.h>

#include "registry/password_hash.hpp"

namespace csms {

namespace {

std::optional<ocpp::DateTime> from_ms(const std::optional<std::int64_t>& ms) {
  if (!ms) return std::nullopt;
  return ocpp::DateTime(ocpp::TimePoint(std::chrono::milliseconds(*ms)));
}

template <class T>
T must(store::Result<T> result, std::string_view what) {
  if (!result) throw std::runtime_error(std::string(what) + ": " + result.error().message);
  return std::move(*result);
}

}  // namespace

CentralSystem::CentralSystem(ChargePointRegistry& registry, store::Store& store,
                             common::TimerFactory& timers, const common::Clock& clock,
                             CentralSystemOptions options)
    : registry_(registry),
      store_(store),
      clock_(clock),
      options_(options),
      commands_(*this, store, clock, options.commands),
      maintenance_timer_(timers.make_timer()) {
  schedule_maintenance();
}

CentralSystem::~CentralSystem() = default;

void CentralSystem::load(const std::vector<std::string>& known) {
  const auto now_ms = unix_ms(clock_.now());
  for (const auto& id : known) {
    const auto* record = registry_.find(id);
    if (record == nullptr) continue;
    // The setting wins for its ids: the password and the acceptance it lists.
    must(store_.charge_points.insert_if_missing(id, "Accepted", record->password_hash, now_ms),
         "storing " + id);
    must(store_.charge_points.set_registration(id, "Accepted"), "storing " + id);
    must(store_.charge_points.set_password_hash(id, record->password_hash), "storing " + id);
  }
  for (const auto& stored : must(store_.charge_points.all(), "reading the charge points")) {
    auto* record = registry_.find(stored.id);
    if (record == nullptr) {
      record = &registry_.add(stored.id, std::nullopt);
      record->password_hash = stored.password_hash;
    }
    record->registration =
        registration_from_string(stored.registration).value_or(Registration::Pending);
    if (stored.boot_json)
      record->last_boot = nlohmann::json::parse(*stored.boot_json, nullptr, false);
    record->last_boot_at = from_ms(stored.booted_at_ms);
    record->last_seen = from_ms(stored.last_seen_ms);
    for (const auto& connector :
         must(store_.connectors.for_charge_point(stored.id), "reading connectors")) {
      auto& state = record->connectors[connector.connector_id];
      state.status = connector.status;
      state.error_code = connector.error_code;
      state.info = connector.info;
      state.timestamp = *from_ms(connector.status_at_ms);
    }
    if (const auto snapshot = must(store_.configurations.get(stored.id), "reading configuration")) {
      record->configuration = nlohmann::json::parse(snapshot->keys_json, nullptr, false);
      record->configuration_read_at = from_ms(snapshot->read_at_ms);
    }
    for (const auto& open : must(store_.transactions.open_for(stored.id), "reading transactions")) {
      record->connectors[open.start.connector_id].transaction_id = open.id;
    }
  }
  spdlog::info("store: {} charge points known", registry_.all().size());
}

ocpp::Session* CentralSystem::session_for(std::string_view charge_point_id) {
  return targets_ == nullptr ? nullptr : targets_->session_for(charge_point_id);
}

std::size_t CentralSystem::on_event(std::function<void(const nlohmann::json&)> hook) {
  hooks_.emplace_back(next_hook_, std::move(hook));
  return next_hook_++;
}

void CentralSystem::remove_event_hook(std::size_t token) {
  std::erase_if(hooks_, [token](const auto& entry) { return entry.first == token; });
}

void CentralSystem::emit(const nlohmann::json& event) {
  // A copy: a hook may add or remove hooks.
  const auto hooks = hooks_;
  for (const auto& [token, hook] : hooks) {
    try {
      hook(event);
    } catch (const std::exception& e) {
      spdlog::error("event hook failed on {}: {}", event.value("type", "?"), e.what());
    }
  }
}

Admission CentralSystem::admit(std::string_view id, std::optional<std::string_view> password) {
  bool added = false;
  const auto admission = registry_.admit(id, password, &added);
  if (added) {
    const auto* record = registry_.find(id);
    if (auto stored = store_.charge_points.insert_if_missing(id, to_string(record->registration),
                                                             std::nullopt, unix_ms(clock_.now()));
        !stored) {
      spdlog::error("store: adding charge point {}: {}", id, stored.error().message);
    }
    emit({{"type", "ChargePointAdded"},
          {"chargePointId", id},
          {"registration", to_string(record->registration)},
          {"at", date_time(clock_.now())}});
  }
  return admission;
}

MessageContext CentralSystem::context_for(ChargePointRecord& record,
                                          std::function<void()> on_booted) {
  return MessageContext{record,
                        store_,
                        clock_,
                        options_.messages,
                        [this](const nlohmann::json& event) { emit(event); },
                        std::move(on_booted)};
}

void CentralSystem::connected(ChargePointRecord& record, const std::string& remote_address) {
  const auto now = clock_.now();
  record.connected = true;
  record.remote_address = remote_address;
  record.connected_since = date_time(now);
  record.last_seen = date_time(now);
  if (auto done = store_.charge_points.record_connected(record.id, unix_ms(now)); !done) {
    spdlog::error("store: {}", done.error().message);
  }
  const nlohmann::json event = {{"type", "Connected"},
                                {"chargePointId", record.id},
                                {"remoteAddress", remote_address},
                                {"at", date_time(now)}};
  store_.buffer.event(
      store::ChargePointEvent{0, record.id, "Connected", event.dump(), unix_ms(now)});
  emit(event);
}

void CentralSystem::disconnected(ChargePointRecord& record, std::string_view reason) {
  const auto now = clock_.now();
  record.connected = false;
  if (auto done = store_.charge_points.record_disconnected(record.id, unix_ms(now), reason);
      !done) {
    spdlog::error("store: {}", done.error().message);
  }
  if (record.last_seen) store_.buffer.seen(record.id, unix_ms(*record.last_seen));
  // The reason tells a lost charger ("no answer to a ping within 20 s") from a clean close.
  const nlohmann::json event = {{"type", "Disconnected"},
                                {"chargePointId", record.id},
                                {"reason", reason},
                                {"at", date_time(now)}};
  store_.buffer.event(
      store::ChargePointEvent{0, record.id, "Disconnected", event.dump(), unix_ms(now)});
  emit(event);
}

void CentralSystem::configuration_read(ChargePointRecord& record, nlohmann::json keys,
                                       std::vector<std::string> unknown_keys) {
  const auto now = clock_.now();
  std::string unknown;
  for (const auto& key : unknown_keys) unknown += (unknown.empty() ? "" : ",") + key;
  if (auto done = store_.configurations.put(
          record.id, store::ConfigurationSnapshot{keys.dump(), unknown, unix_ms(now)});
      !done) {
    spdlog::error("store: configuration of {}: {}", record.id, done.error().message);
  }
  record.configuration = std::move(keys);
  record.configuration_read_at = date_time(now);
}

ChangeResult CentralSystem::set_registration(std::string_view id, Registration registration) {
  auto* record = registry_.find(id);
  if (record == nullptr) return {"no charge point \"" + std::string(id) + "\"", true};
  if (auto done = store_.charge_points.set_registration(id, to_string(registration)); !done) {
    return {"storing the registration failed: " + done.error().message, false};
  }
  const bool was_pending = record->registration == Registration::Pending;
  record->registration = registration;
  spdlog::info("{}: registration set to {}", id, to_string(registration));
  emit({{"type", "RegistrationChanged"},
        {"chargePointId", id},
        {"registration", to_string(registration)},
        {"at", date_time(clock_.now())}});
  // OCPP 1.6 §5.17: TriggerMessage BootNotification makes a Pending charge point ask again now
  // instead of after the retry interval.
  if (was_pending && registration == Registration::Accepted && record->connected) {
    commands_.trigger_message(
        std::string(id), "BootNotification", std::nullopt, [](const CommandResult&) {}, "system");
  }
  return {};
}

ChangeResult CentralSystem::set_password(std::string_view id,
                                         const std::optional<std::string>& password) {
  auto* record = registry_.find(id);
  if (record == nullptr) return {"no charge point \"" + std::string(id) + "\"", true};
  // OCPP 1.6 security whitepaper: AuthorizationKey is 16 to 20 bytes; longer ones work over Basic
  // auth too.
  if (password && (password->size() < 8 || password->size() > 40)) {
    return {"a charge point password must be 8 to 40 characters", false};
  }
  auto hash = password ? std::optional<std::string>(hash_password(*password)) : std::nullopt;
  if (auto done = store_.charge_points.set_password_hash(id, hash); !done) {
    return {"storing the password failed: " + done.error().message, false};
  }
  record->password_hash = std::move(hash);
  return {};
}

ChangeResult CentralSystem::remove_charge_point(std::string_view id) {
  auto* record = registry_.find(id);
  if (record == nullptr) return {"no charge point \"" + std::string(id) + "\"", true};
  if (record->connected) return {"charge point \"" + std::string(id) + "\" is connected", false};
  store_.buffer.forget(std::string(id));
  if (auto done = store_.charge_points.remove(id); !done)
    return {"removing failed: " + done.error().message, false};
  registry_.remove(id);
  return {};
}

void CentralSystem::send(const std::string& charge_point_id, const std::string& action,
                         nlohmann::json payload, CommandCallback done, std::string requested_by) {
  commands_.send(charge_point_id, action, std::move(payload), std::move(done),
                 std::move(requested_by));
}

void CentralSystem::schedule_maintenance() {
  maintenance_timer_->start(options_.maintenance_interval, [this] {
    maintain();
    schedule_maintenance();
  });
}

void CentralSystem::maintain() {
  // Buffered samples first, so that the job sees them where they belong.
  flush();
  auto counts = store_.meters.downsample(unix_ms(clock_.now()), options_.retention);
  if (!counts) {
    spdlog::error("store: meter value retention: {}", counts.error().message);
    return;
  }
  if (counts->raw_folded + counts->minute_folded + counts->pruned > 0) {
    spdlog::info(
        "store: meter values: {} samples into 1-minute averages, {} into 15-minute ones, {} pruned",
        counts->raw_folded, counts->minute_folded, counts->pruned);
  }
}

void CentralSystem::flush() {
  if (auto done = store_.buffer.flush(); !done)
    spdlog::error("store: flushing: {}", done.error().message);
}

}  // namespace csms
