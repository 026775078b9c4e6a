#include "hal/sim/simulated_charger.hpp"

#include <algorithm>
#include <utility>

#include "ranges.hpp"
#include "sim_model.hpp"

namespace hal::sim {

namespace {

Capabilities make_capabilities(const SimConfig& config) {
  Capabilities caps;
  caps.description = "simulated EO box (" + ranges::format_number(config.box_max_current_a) +
                     " A, " + std::to_string(config.box_phases) +
                     (config.box_phases == 1 ? " phase)" : " phases)");
  caps.min_current_a = config.box_min_current_a;
  caps.max_current_a = config.box_max_current_a;
  caps.phases = config.box_phases;
  caps.has_connector_lock = config.has_connector_lock;
  caps.measures_frequency = true;
  caps.measures_temperature = true;
  caps.reports_soc = true;
  caps.ct = CtChannels{config.ct_site_present, config.ct_vehicle_present, config.ct_solar_present};
  return caps;
}

bool has_code(const std::vector<Fault>& faults, FaultCode code) {
  for (const auto& fault : faults)
    if (fault.code == code) return true;
  return false;
}

}  // namespace

struct SimulatedCharger::Event {
  enum class Kind { state, sample, fault_raised, fault_cleared, link_lost, link_restored };
  static Event of(Kind kind) { return Event{kind, VehicleState::unknown, {}, {}}; }
  static Event of(VehicleState state) { return Event{Kind::state, state, {}, {}}; }
  static Event of(const MeterSample& sample) {
    return Event{Kind::sample, VehicleState::unknown, sample, {}};
  }
  static Event of(Kind kind, const Fault& fault) {
    return Event{kind, VehicleState::unknown, {}, fault};
  }

  Kind kind;
  VehicleState state;
  MeterSample sample;
  Fault fault;
};

SimulatedCharger::SimulatedCharger(common::TimerFactory& timers, const common::Clock& clock,
                                   SimConfig config)
    : config_((validate(config), std::move(config))),
      capabilities_(make_capabilities(config_)),
      clock_(clock),
      model_(std::make_unique<SimModel>(config_)),
      tick_timer_(timers.make_timer()),
      publish_timer_(timers.make_timer()) {}

SimulatedCharger::~SimulatedCharger() = default;

void SimulatedCharger::start() {
  if (running_) return;
  running_ = true;
  integrated_until_ = clock_.now();
  reported_link_up_ = true;  // a link that is down at start is reported lost by the first publish
  state_reported_ = false;
  reported_state_ = VehicleState::unknown;
  reported_faults_.clear();
  last_sample_.reset();
  if (!link_up_) link_loss_limit_a_ = fallback_limit_a();
  change([](SimModel&) {});
  tick_timer_->start(config_.tick_interval, [this] { on_tick(); });
  schedule_publish(true);
}

void SimulatedCharger::stop() {
  if (!running_) return;
  integrate_to_now();
  running_ = false;
  tick_timer_->cancel();
  publish_timer_->cancel();
  publish_sample_pending_ = false;
  last_sample_.reset();
  change([](SimModel&) {});
}

void SimulatedCharger::offer_current(double current_a) {
  // IEC 61851: the pilot cannot signal less than the minimum, so such an offer is a pause (as are
  // negative values and NaN, which compare false).
  double clamped = 0;
  if (current_a >= capabilities_.min_current_a)
    clamped = std::min(current_a, capabilities_.max_current_a);
  if (clamped == requested_a_) return;
  requested_a_ = clamped;
  change([](SimModel&) {});
}

void SimulatedCharger::set_enabled(bool enabled) {
  if (enabled == enabled_) return;
  enabled_ = enabled;
  change([](SimModel&) {});
}

UnlockResult SimulatedCharger::unlock_connector() {
  return config_.has_connector_lock ? UnlockResult::unlocked : UnlockResult::not_supported;
}

bool SimulatedCharger::link_up() const {
  return running_ && reported_link_up_;
}

VehicleState SimulatedCharger::vehicle_state() const {
  return link_up() ? reported_state_ : VehicleState::unknown;
}

std::optional<MeterSample> SimulatedCharger::last_sample() const {
  if (!link_up()) return std::nullopt;
  return last_sample_;
}

void SimulatedCharger::plug_in() {
  change([](SimModel& model) { model.plug_in(); });
}

void SimulatedCharger::unplug() {
  change([](SimModel& model) { model.unplug(); });
}

Rejection SimulatedCharger::set_car_max_current_a(double current_a) {
  if (auto problem = ranges::check(current_a, ranges::car_max_current)) return problem;
  change([current_a](SimModel& model) { model.set_car_max_current_a(current_a); });
  return std::nullopt;
}

Rejection SimulatedCharger::set_car_phases(int phases) {
  if (auto problem = ranges::check_phases(phases, "car phases")) return problem;
  change([phases](SimModel& model) { model.set_car_phases(phases); });
  return std::nullopt;
}

Rejection SimulatedCharger::set_battery(double capacity_kwh, double soc_percent) {
  if (auto problem = ranges::check(capacity_kwh, ranges::battery_capacity)) return problem;
  if (auto problem = ranges::check(soc_percent, ranges::soc)) return problem;
  change([=](SimModel& model) { model.set_battery(capacity_kwh, soc_percent); });
  return std::nullopt;
}

Rejection SimulatedCharger::set_target_soc_percent(double soc_percent) {
  if (auto problem = ranges::check(soc_percent, ranges::target_soc)) return problem;
  change([soc_percent](SimModel& model) { model.set_target_soc_percent(soc_percent); });
  return std::nullopt;
}

Rejection SimulatedCharger::set_household_load_w(double load_w) {
  if (auto problem = ranges::check(load_w, ranges::household_load)) return problem;
  change([load_w](SimModel& model) { model.set_household_load_w(load_w); });
  return std::nullopt;
}

Rejection SimulatedCharger::set_solar_w(double solar_w) {
  if (auto problem = ranges::check(solar_w, ranges::solar)) return problem;
  change([solar_w](SimModel& model) { model.set_solar_w(solar_w); });
  return std::nullopt;
}

Rejection SimulatedCharger::set_mains_voltage_v(double voltage_v) {
  if (auto problem = ranges::check(voltage_v, ranges::voltage)) return problem;
  change([voltage_v](SimModel& model) { model.set_supply_voltage_v(voltage_v); });
  return std::nullopt;
}

Rejection SimulatedCharger::set_mains_frequency_hz(double frequency_hz) {
  if (auto problem = ranges::check(frequency_hz, ranges::frequency)) return problem;
  change([frequency_hz](SimModel& model) { model.set_frequency_hz(frequency_hz); });
  return std::nullopt;
}

void SimulatedCharger::inject_fault(FaultCode code, std::string detail) {
  change([code, &detail](SimModel& model) { model.inject_fault(code, std::move(detail)); });
}

void SimulatedCharger::clear_fault(FaultCode code) {
  change([code](SimModel& model) { model.clear_fault(code); });
}

void SimulatedCharger::set_link_up(bool up) {
  if (up == link_up_) return;
  link_up_ = up;
  if (!up) link_loss_limit_a_ = fallback_limit_a();
  change([](SimModel&) {});
}

double SimulatedCharger::fallback_limit_a() const {
  if (!config_.link_loss_fallback_current_a) return model_->board_limit_a();
  const double fallback = *config_.link_loss_fallback_current_a;
  return fallback >= capabilities_.min_current_a ? std::min(fallback, capabilities_.max_current_a)
                                                 : 0;
}

template <typename Change>
void SimulatedCharger::change(Change&& change_model) {
  // Energy up to now was drawn at the old rate; only then may the car react to the change.
  if (running_) integrate_to_now();
  std::forward<Change>(change_model)(*model_);
  apply_board_limit();
  model_->settle();
  schedule_publish(false);
}

void SimulatedCharger::apply_board_limit() {
  if (!running_) {
    model_->set_board_limit_a(0);
  } else if (link_up_) {
    model_->set_board_limit_a(enabled_ ? requested_a_ : 0);
  } else {
    model_->set_board_limit_a(link_loss_limit_a_);  // the Pi's commands cannot reach the board
  }
}

void SimulatedCharger::integrate_to_now() {
  const auto now = clock_.now();
  const auto elapsed = now - integrated_until_;
  integrated_until_ = now;
  if (elapsed <= common::WallTime::duration::zero()) return;  // the clock stepped back
  const auto tick = std::chrono::duration_cast<common::WallTime::duration>(config_.tick_interval);
  // More than two ticks between two looks at the clock is a step of the clock, not elapsed time.
  const auto step = elapsed > 2 * tick ? tick : elapsed;
  model_->advance(std::chrono::duration<double>(step).count());
}

void SimulatedCharger::on_tick() {
  // Re-armed first, so that a listener calling stop() from an event cancels the next tick.
  tick_timer_->start(config_.tick_interval, [this] { on_tick(); });
  integrate_to_now();
  model_->step_plug();
  apply_board_limit();
  model_->settle();
  // This tick's sample covers any publish still pending: one sample per tick.
  publish_timer_->cancel();
  publish_sample_pending_ = false;
  publish(true);
}

void SimulatedCharger::schedule_publish(bool with_sample) {
  if (!running_) return;
  publish_sample_pending_ = publish_sample_pending_ || with_sample;
  if (publish_timer_->armed()) return;
  publish_timer_->start(std::chrono::milliseconds(0),
                        [this] { publish(std::exchange(publish_sample_pending_, false)); });
}

void SimulatedCharger::publish(bool with_sample) {
  if (!running_) return;
  std::vector<Event> events;
  if (link_up_ != reported_link_up_) {
    reported_link_up_ = link_up_;
    if (!link_up_) {
      events.push_back(Event::of(Event::Kind::link_lost));
      last_sample_.reset();
    } else {
      events.push_back(Event::of(Event::Kind::link_restored));
      state_reported_ = false;
      with_sample = true;
    }
  }
  if (reported_link_up_) {
    auto faults = model_->faults();
    for (const auto& fault : reported_faults_)
      if (!has_code(faults, fault.code))
        events.push_back(Event::of(Event::Kind::fault_cleared, fault));
    for (const auto& fault : faults)
      if (!has_code(reported_faults_, fault.code))
        events.push_back(Event::of(Event::Kind::fault_raised, fault));
    reported_faults_ = std::move(faults);

    const auto state = model_->state();
    if (!state_reported_ || state != reported_state_) {
      events.push_back(Event::of(state));
      reported_state_ = state;
      state_reported_ = true;
    }
    if (with_sample) {
      last_sample_ = model_->sample();
      events.push_back(Event::of(*last_sample_));
    }
  }
  deliver(events);
}

void SimulatedCharger::deliver(const std::vector<Event>& events) {
  for (const auto& event : events) {
    // A listener may stop the charger or detach itself from inside an event.
    if (!running_ || listener_ == nullptr) return;
    switch (event.kind) {
      case Event::Kind::state:
        listener_->on_vehicle_state(event.state);
        break;
      case Event::Kind::sample:
        listener_->on_meter_sample(event.sample);
        break;
      case Event::Kind::fault_raised:
        listener_->on_fault_raised(event.fault);
        break;
      case Event::Kind::fault_cleared:
        listener_->on_fault_cleared(event.fault.code);
        break;
      case Event::Kind::link_lost:
        listener_->on_link_lost("simulated link loss");
        break;
      case Event::Kind::link_restored:
        listener_->on_link_restored();
        break;
    }
  }
}

SimSnapshot SimulatedCharger::snapshot() const {
  SimSnapshot snap;
  snap.running = running_;
  snap.link_up = link_up_;
  snap.enabled = enabled_;
  snap.plugged = model_->plugged();
  snap.state = model_->state();
  snap.requested_current_a = requested_a_;
  snap.board_limit_a = model_->board_limit_a();
  snap.offered_a = model_->offered_a();
  snap.current_a = model_->current_a();
  snap.phases_in_use = model_->phases_in_use();
  snap.voltage_v = model_->voltage_v();
  snap.frequency_hz = model_->frequency_hz();
  snap.power_w = model_->power_w();
  snap.energy_wh = model_->energy_wh();
  snap.temperature_c = model_->temperature_c();
  snap.soc_percent = model_->soc_percent();
  snap.target_soc_percent = model_->target_soc_percent();
  snap.battery_capacity_kwh = model_->battery_capacity_kwh();
  snap.car_max_current_a = model_->car_max_current_a();
  snap.car_phases = model_->car_phases();
  snap.household_load_w = model_->household_load_w();
  snap.solar_w = model_->solar_w();
  snap.ct = model_->ct();
  snap.faults = model_->faults();
  return snap;
}

}  // namespace hal::sim
