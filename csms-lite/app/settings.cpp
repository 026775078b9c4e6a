#include "app/settings.hpp"

#include <stdexcept>

#ifndef EO_WEB_ROOT
#define EO_WEB_ROOT "/usr/share/eo-ocpp/web"
#endif

namespace csms {

const common::ConfigSchema& settings_schema() {
  using std::chrono::seconds;
  static const common::ConfigSchema schema = [] {
    common::ConfigSchema s;
    s.add_string("http.address", std::string("127.0.0.1"),
                 "Address to listen on (an IP literal; 0.0.0.0 for every interface)");
    s.add_int("http.port", 1, 65535, 8080,
              "Port for the web UI, the API and the OCPP WebSocket endpoint");
    s.add_string("http.web_root", std::string(EO_WEB_ROOT), "Folder with the web UI's files");
    s.add_string("http.tls_certificate", std::string(""),
                 "PEM file with the server certificate, then any intermediate CA certificates. "
                 "Set with http.tls_private_key: the port then serves only https:// and wss:// "
                 "(OCPP security profile 2); empty: plain http:// and ws://");
    s.add_string("http.tls_private_key", std::string(""),
                 "PEM file with that certificate's private key, unencrypted, readable by this "
                 "service only (chmod 600, or 640 with its group)");
    s.add_enum("http.metrics", {"public", "token", "off"}, std::string("public"),
               "Prometheus metrics at /metrics: open to anyone who can reach the port, only with "
               "an API token (Authorization: Bearer), or not served");
    s.add_string("ocpp.path_prefix", std::string("/ocpp"),
                 "Charge points connect to ws://<address>:<port><prefix>/<charge point id>");
    s.add_enum("ocpp.unknown_charge_points", {"pending", "accept", "reject"},
               std::string("pending"),
               "A charge point id not known yet: hold it Pending until accepted in the UI, accept "
               "it at once, "
               "or refuse its connection (HTTP 404)");
    s.add_string(
        "ocpp.charge_points", std::string(""),
        "Charge points accepted from the start, comma-separated, each `id` or `id:password` "
        "(password = HTTP Basic auth); added to the database");
    s.add_enum(
        "ocpp.unknown_id_tags", {"invalid", "accept"}, std::string("invalid"),
        "An idTag not in the id tag table: refuse it (Invalid), or accept it (no badges in use)");
    s.add_seconds("ocpp.heartbeat_interval_s", seconds(1), seconds(86400), seconds(300),
                  "Heartbeat interval given to charge points in the BootNotification answer");
    s.add_seconds(
        "ocpp.boot_retry_interval_s", seconds(10), seconds(86400), seconds(60),
        "When a Pending or Rejected charge point is told to send its BootNotification again");
    s.add_seconds("ocpp.call_timeout_s", seconds(1), seconds(300), seconds(30),
                  "How long to wait for a charge point to answer a request");
    s.add_int("ocpp.command_queue", 1, 1000, 16,
              "Commands that may wait for one charge point, the one in flight included");
    s.add_seconds("ocpp.ping_interval_s", seconds(1), seconds(3600), seconds(30),
                  "WebSocket ping interval");
    s.add_seconds(
        "ocpp.pong_timeout_s", seconds(1), seconds(3600), seconds(20),
        "A charge point silent this long after a ping is disconnected and marked offline");
    s.add_int("ocpp.max_message_kib", 4, 16384, 256, "Largest OCPP message accepted, in KiB");
    s.add_string(
        "storage.database", std::string("/var/lib/eo-ocpp/csms-lite.db"),
        "SQLite database with charge points, transactions, meter values and the audit log");
    s.add_seconds(
        "storage.flush_interval_s", seconds(1), seconds(3600), seconds(60),
        "Meter values and last-seen times are written at most this long after they arrive");
    s.add_int("storage.flush_rows", 1, 100000, 1000,
              "Buffered rows are also written as soon as this many wait");
    s.add_int("storage.full_resolution_hours", 1, 24 * 366, 48,
              "Meter values are kept as sampled this long, then as 1-minute averages");
    s.add_int("storage.minute_resolution_days", 1, 3660, 30,
              "1-minute averages are kept this long, then 15-minute ones");
    s.add_int("storage.retention_days", 1, 36600, 365,
              "15-minute averages are kept this long, then deleted");
    return s;
  }();
  return schema;
}

CoreSettings core_settings(const common::ConfigValues& values) {
  CoreSettings core;
  core.database_path = values.get_string("storage.database");
  if (core.database_path.empty())
    throw std::invalid_argument("storage.database must name a file (or :memory:)");
  core.batch.flush_interval = values.get_seconds("storage.flush_interval_s");
  core.batch.max_rows = static_cast<std::size_t>(values.get_int("storage.flush_rows"));
  core.batch.max_pending_rows = std::max<std::size_t>(20000, 10 * core.batch.max_rows);

  auto& retention = core.central.retention;
  retention.full_resolution = std::chrono::hours(values.get_int("storage.full_resolution_hours"));
  retention.minute_resolution =
      std::chrono::hours(24 * values.get_int("storage.minute_resolution_days"));
  retention.history = std::chrono::hours(24 * values.get_int("storage.retention_days"));
  if (retention.minute_resolution < retention.full_resolution) {
    throw std::invalid_argument("storage.minute_resolution_days (" +
                                std::to_string(values.get_int("storage.minute_resolution_days")) +
                                " days) must cover storage.full_resolution_hours (" +
                                std::to_string(values.get_int("storage.full_resolution_hours")) +
                                " h)");
  }
  if (retention.history < retention.minute_resolution) {
    throw std::invalid_argument(
        "storage.retention_days (" + std::to_string(values.get_int("storage.retention_days")) +
        ") must be at least storage.minute_resolution_days (" +
        std::to_string(values.get_int("storage.minute_resolution_days")) + ")");
  }

  auto& messages = core.central.messages;
  messages.heartbeat_interval = values.get_seconds("ocpp.heartbeat_interval_s");
  messages.boot_retry_interval = values.get_seconds("ocpp.boot_retry_interval_s");
  messages.unknown_id_tags = values.get_string("ocpp.unknown_id_tags") == "accept"
                                 ? UnknownIdTags::Accept
                                 : UnknownIdTags::Invalid;
  core.central.commands.max_queued = static_cast<std::size_t>(values.get_int("ocpp.command_queue"));

  core.tls_certificate_file = values.get_string("http.tls_certificate");
  core.tls_private_key_file = values.get_string("http.tls_private_key");
  if (core.tls_certificate_file.empty() != core.tls_private_key_file.empty()) {
    throw std::invalid_argument(
        "http.tls_certificate and http.tls_private_key go together: set both (TLS) or neither");
  }

  const auto& policy = values.get_string("ocpp.unknown_charge_points");
  core.unknown_charge_points = policy == "accept"   ? UnknownChargePoints::Accept
                               : policy == "reject" ? UnknownChargePoints::Reject
                                                    : UnknownChargePoints::Pending;
  return core;
}

}  // namespace csms
