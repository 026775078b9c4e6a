#include "app/settings.hpp"

namespace chargepoint {

const common::ConfigSchema& settings_schema() {
  using std::chrono::seconds;
  static const common::ConfigSchema schema = [] {
    common::ConfigSchema s;
    s.add_string("ocpp.central_system_url", std::string("ws://127.0.0.1:8080/ocpp"),
                 "Central system endpoint (ws:// or wss://); the charge point id is appended as "
                 "the last path segment");
    s.add_string("ocpp.charge_point_id", std::string("eo-charger"),
                 "This charge point's identity at the central system");
    s.add_string("ocpp.authorization_key", std::string(""),
                 "Password for HTTP Basic auth (OCPP security profile 1/2); empty: no auth header");
    s.add_seconds("ocpp.call_timeout_s", seconds(5), seconds(300), seconds(30),
                  "How long to wait for the central system to answer a request");
    s.add_string("identity.vendor", std::string("EO Charging"),
                 "chargePointVendor in BootNotification");
    s.add_string("identity.model", std::string("EO Mini Pro 2"),
                 "chargePointModel in BootNotification");
    s.add_string("identity.serial_number", std::string(""),
                 "chargePointSerialNumber in BootNotification (empty: omitted)");
    s.add_seconds("network.reconnect_min_s", seconds(1), seconds(600), seconds(1),
                  "First wait before reconnecting; doubles on each failure");
    s.add_seconds("network.reconnect_max_s", seconds(1), seconds(3600), seconds(60),
                  "Longest wait between reconnects");
    s.add_seconds("network.pong_timeout_s", seconds(1), seconds(300), seconds(10),
                  "A connection that does not answer a ping within this time is considered dead");
    s.add_seconds("network.connect_timeout_s", seconds(1), seconds(300), seconds(15),
                  "Deadline for TCP, TLS and the WebSocket handshake together");
    s.add_string("network.ca_file", std::string(""),
                 "wss: PEM file of trusted CAs (empty: the system's)");
    s.add_bool("network.verify_peer", true,
               "wss: verify the central system's certificate and host name");
    s.add_string("storage.database", std::string("/var/lib/eo-ocpp/chargepoint.db"),
                 "SQLite file for transactions, the outbox, the auth cache and OCPP configuration "
                 "(:memory: = none)");
    s.add_enum("hardware.driver", {"sim", "auto", "hub", "minipro2", "tty"}, std::string("sim"),
               "The power board: sim = the built-in simulated box; auto = detect the EO box from "
               "/proc/cpuinfo; "
               "hub = Smart Home Hub (RS-485 tty); minipro2 = Mini Pro 2 (SPI bridge); tty = an EO "
               "board on "
               "hardware.tty (e.g. the pty of eo-board-sim)");
    s.add_string("hardware.tty", std::string("/dev/ttyUSB0"),
                 "Serial device of the EO board (hub and tty drivers)");
    s.add_int("hardware.poll_interval_ms", 200, 10000, 1000, "How often the EO board is polled");
    s.add_double(
        "hardware.voltage_correction", 0.5, 1.5, 0.776,
        "Per-unit factor of the EO board's live-voltage reading (V = raw / 2 / sqrt(2) x factor)");
    s.add_bool("hardware.strict_checksum", false,
               "Reject EO board replies whose checksum does not match (mismatches are counted "
               "either way)");
    s.add_seconds("hardware.min_pause_s", std::chrono::seconds(0), std::chrono::seconds(600),
                  std::chrono::seconds(30),
                  "After a pause, wait this long before offering current again (cars that chatter "
                  "on 0 A); pausing is always immediate");
    s.add_string("hardware.ct_channels", std::string("site,vehicle,solar"),
                 "EO boxes: the CT clamps installed, comma-separated from site, vehicle, solar "
                 "(empty: none); the Hub reads its 9600-baud CT device, the Mini Pro 2 its "
                 "ADE7858 on /dev/spidev0.1");
    for (const char* channel : {"site", "vehicle", "solar"}) {
      const std::string prefix = std::string("hardware.ct_") + channel;
      s.add_double(prefix + "_scale", 0.5, 2.0, 1.0,
                   std::string("Calibration of the ") + channel +
                       " CT: amps = raw x scale + offset_a. Seeds the OCPP key EO_Ct*Scale; a "
                       "value the central system set wins");
      s.add_double(prefix + "_offset_a", -2.0, 2.0, 0.0,
                   std::string("Offset of the ") + channel +
                       " CT in amps (seeds EO_Ct*OffsetA, as the scale)");
    }
    s.add_string(
        "simulator.control_socket", std::string("/run/eo-ocpp/sim.sock"),
        "Unix socket for eo-simctl (plug in, unplug, loads, faults); empty: no control socket");
    s.add_bool("simulator.car_plugged_at_start", false,
               "The simulated car is plugged in when the daemon starts");
    s.add_double("simulator.car_max_current_a", 1, 80, 32.0,
                 "The simulated car's own current limit per phase");
    s.add_double("simulator.battery_kwh", 1, 200, 60.0, "The simulated car's battery capacity");
    s.add_double("simulator.initial_soc_percent", 0, 100, 40.0,
                 "The simulated car's state of charge at start");
    s.add_double("simulator.household_load_w", 0, 100000, 400.0,
                 "Household load seen by the site CT");
    s.add_double("simulator.solar_w", 0, 100000, 0.0, "Solar generation seen by the solar CT");
    s.add_int("simulator.tick_ms", 100, 10000, 1000,
              "Simulation step and meter sample interval in milliseconds");
    s.add_string("charging.plug_and_charge_id_tag", std::string(""),
                 "idTag presented whenever a vehicle is plugged in (EO boxes have no card reader); "
                 "empty: off");
    s.add_double(
        "charging.max_current_a", 6, 80, 32.0,
        "Current offered during a transaction (capped by the box); smart charging lowers it");
    return s;
  }();
  return schema;
}

}  // namespace chargepoint
