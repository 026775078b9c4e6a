#include "api/metrics.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <functional>

namespace csms::api {
namespace {

// OCPP 1.6 §7.7 ChargePointStatus: a state set, one 0/1 series per status, so that a graph shows
// the status and alerting can say `== 1`.
constexpr std::array<std::string_view, 9> statuses = {"Available",     "Preparing",   "Charging",
                                                      "SuspendedEVSE", "SuspendedEV", "Finishing",
                                                      "Reserved",      "Unavailable", "Faulted"};

std::string number(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  std::array<char, 32> buffer{};
  const auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  return ec == std::errc() ? std::string(buffer.data(), end) : "NaN";
}

using Labels = std::vector<std::pair<std::string_view, std::string>>;

class Writer {
 public:
  void family(std::string_view name, std::string_view type, std::string_view help) {
    out_ += "# HELP ";
    out_ += name;
    out_ += ' ';
    out_ += help;  // our own constant text: no backslash or line feed to escape
    out_ += "\n# TYPE ";
    out_ += name;
    out_ += ' ';
    out_ += type;
    out_ += '\n';
  }
  void sample(std::string_view name, const Labels& labels, double value) {
    out_ += name;
    if (!labels.empty()) {
      out_ += '{';
      for (std::size_t i = 0; i < labels.size(); ++i) {
        if (i > 0) out_ += ',';
        out_ += labels[i].first;
        out_ += "=\"";
        out_ += escape_label_value(labels[i].second);
        out_ += '"';
      }
      out_ += '}';
    }
    out_ += ' ';
    out_ += number(value);
    out_ += '\n';
  }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

Labels charger_labels(const ChargerView& c) {
  return {{"charge_point", c.id}};
}
Labels connector_labels(const ChargerView& c, const ConnectorView& k) {
  return {{"charge_point", c.id}, {"connector", std::to_string(k.connector_id)}};
}

// One family over every connector that has the value.
void connector_family(Writer& w, const std::vector<ChargerView>& chargers, std::string_view name,
                      std::string_view type, std::string_view help,
                      const std::function<std::optional<double>(const ConnectorView&)>& get) {
  w.family(name, type, help);
  for (const auto& c : chargers) {
    for (const auto& k : c.connectors) {
      if (const auto value = get(k)) w.sample(name, connector_labels(c, k), *value);
    }
  }
}

void charger_family(Writer& w, const std::vector<ChargerView>& chargers, std::string_view name,
                    std::string_view type, std::string_view help,
                    const std::function<double(const ChargerView&)>& get) {
  w.family(name, type, help);
  for (const auto& c : chargers) w.sample(name, charger_labels(c), get(c));
}

}  // namespace

std::optional<MetricsAccess> parse_metrics_access(std::string_view text) {
  if (text == "public") return MetricsAccess::Public;
  if (text == "token") return MetricsAccess::Token;
  if (text == "off") return MetricsAccess::Off;
  return std::nullopt;
}

std::string escape_label_value(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (const char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string render_metrics(const std::vector<ChargerView>& chargers) {
  Writer w;
  charger_family(w, chargers, "csms_charge_point_connected", "gauge",
                 "1 while the charge point's OCPP WebSocket is open",
                 [](const ChargerView& c) { return c.connected ? 1.0 : 0.0; });
  w.family("csms_charge_point_info", "gauge", "Identity from BootNotification; always 1");
  for (const auto& c : chargers) {
    w.sample("csms_charge_point_info",
             {{"charge_point", c.id},
              {"registration", c.registration},
              {"vendor", c.vendor.value_or("")},
              {"model", c.model.value_or("")},
              {"firmware", c.firmware.value_or("")}},
             1);
  }
  charger_family(w, chargers, "csms_charge_point_messages_received_total", "counter",
                 "OCPP messages received from the charge point",
                 [](const ChargerView& c) { return static_cast<double>(c.messages_in); });
  charger_family(w, chargers, "csms_charge_point_messages_sent_total", "counter",
                 "OCPP messages sent to the charge point",
                 [](const ChargerView& c) { return static_cast<double>(c.messages_out); });
  charger_family(w, chargers, "csms_charge_point_errors_total", "counter",
                 "CALLERRORs and malformed frames, both directions",
                 [](const ChargerView& c) { return static_cast<double>(c.errors); });
  w.family("csms_charge_point_last_seen_timestamp_seconds", "gauge",
           "Unix time of the last message from the charge point");
  for (const auto& c : chargers) {
    if (!c.last_seen) continue;
    w.sample("csms_charge_point_last_seen_timestamp_seconds", charger_labels(c),
             std::chrono::duration<double>(c.last_seen->time_since_epoch()).count());
  }

  w.family("csms_connector_status", "gauge",
           "OCPP 1.6 connector status as a state set: 1 for the current status");
  for (const auto& c : chargers) {
    for (const auto& k : c.connectors) {
      for (const auto status : statuses) {
        auto labels = connector_labels(c, k);
        labels.emplace_back("status", std::string(status));
        w.sample("csms_connector_status", labels, k.status == status ? 1 : 0);
      }
    }
  }
  w.family("csms_connector_offered_current_amperes", "gauge",
           "Current the charge point may offer the car, with the limit that set it");
  for (const auto& c : chargers) {
    for (const auto& k : c.connectors) {
      if (!k.offered) continue;
      auto labels = connector_labels(c, k);
      labels.emplace_back("source", k.offered->source);
      w.sample("csms_connector_offered_current_amperes", labels, k.offered->current_a);
    }
  }
  connector_family(w, chargers, "csms_connector_current_amperes", "gauge",
                   "Measured current drawn by the car (highest phase)",
                   [](const ConnectorView& k) { return k.current_a; });
  connector_family(w, chargers, "csms_connector_power_watts", "gauge", "Active power import",
                   [](const ConnectorView& k) { return k.power_w; });
  connector_family(w, chargers, "csms_connector_voltage_volts", "gauge", "Supply voltage",
                   [](const ConnectorView& k) { return k.voltage_v; });
  connector_family(w, chargers, "csms_connector_energy_import_watt_hours_total", "counter",
                   "Energy.Active.Import.Register of the connector's meter",
                   [](const ConnectorView& k) { return k.energy_register_wh; });
  connector_family(w, chargers, "csms_connector_session_energy_watt_hours", "gauge",
                   "Energy delivered in the running transaction",
                   [](const ConnectorView& k) { return k.session_energy_wh; });

  w.family("csms_ct_current_amperes", "gauge", "CT clamp reading per channel (calibrated)");
  for (const auto& c : chargers) {
    for (const auto& ct : c.ct) {
      w.sample("csms_ct_current_amperes", {{"charge_point", c.id}, {"channel", ct.channel}},
               ct.current_a);
    }
  }
  w.family("csms_ct_raw_current_amperes", "gauge",
           "CT clamp reading before the charge point's calibration, per channel");
  for (const auto& c : chargers) {
    for (const auto& ct : c.ct) {
      if (!ct.raw_a) continue;
      w.sample("csms_ct_raw_current_amperes", {{"charge_point", c.id}, {"channel", ct.channel}},
               *ct.raw_a);
    }
  }
  return w.take();
}

}  // namespace csms::api
