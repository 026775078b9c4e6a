// /metrics: the exposition format parsed back line by line.
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "api/metrics.hpp"
#include "api_fixture.hpp"

namespace csms::api::testing {
namespace {

struct Sample {
  std::string name;
  std::map<std::string, std::string> labels;
  double value;
};

struct Exposition {
  std::map<std::string, std::string> types;
  std::set<std::string> helps;
  std::vector<Sample> samples;
};

// A strict reader of text format 0.0.4: HELP and TYPE before their samples, names and label
// names by the format's grammar, label values with \\, \" and \n escapes only.
Exposition parse(const std::string& text) {
  Exposition result;
  std::istringstream lines(text);
  std::string line;
  const std::regex name_re("[a-zA-Z_:][a-zA-Z0-9_:]*");
  while (std::getline(lines, line)) {
    if (line.starts_with("# HELP ")) {
      const auto rest = line.substr(7);
      result.helps.insert(rest.substr(0, rest.find(' ')));
      continue;
    }
    if (line.starts_with("# TYPE ")) {
      std::istringstream words(line.substr(7));
      std::string name;
      std::string type;
      words >> name >> type;
      if (!result.helps.contains(name)) throw std::runtime_error("TYPE before HELP: " + name);
      result.types[name] = type;
      continue;
    }
    Sample sample;
    std::size_t i = 0;
    while (i < line.size() && line[i] != '{' && line[i] != ' ') ++i;
    sample.name = line.substr(0, i);
    if (!std::regex_match(sample.name, name_re)) throw std::runtime_error("bad name: " + line);
    if (!result.types.contains(sample.name)) throw std::runtime_error("no TYPE: " + line);
    if (line[i] == '{') {
      ++i;
      while (line[i] != '}') {
        const auto equals = line.find('=', i);
        const auto label = line.substr(i, equals - i);
        if (!std::regex_match(label, name_re)) throw std::runtime_error("bad label: " + line);
        i = equals + 1;
        if (line[i] != '"') throw std::runtime_error("unquoted: " + line);
        ++i;
        std::string value;
        while (line[i] != '"') {
          if (line[i] == '\\') {
            ++i;
            if (line[i] == 'n') {
              value += '\n';
            } else if (line[i] == '\\' || line[i] == '"') {
              value += line[i];
            } else {
              throw std::runtime_error("bad escape: " + line);
            }
          } else {
            value += line[i];
          }
          ++i;
        }
        sample.labels[label] = value;
        ++i;
        if (line[i] == ',') ++i;
      }
      ++i;
    }
    if (line[i] != ' ') throw std::runtime_error("no value: " + line);
    sample.value = std::stod(line.substr(i + 1));
    result.samples.push_back(sample);
  }
  return result;
}

std::vector<Sample> find(const Exposition& e, const std::string& name) {
  std::vector<Sample> found;
  for (const auto& s : e.samples) {
    if (s.name == name) found.push_back(s);
  }
  return found;
}

TEST(Metrics, RendersParseableFamiliesWithUnitsAndEscapes) {
  ChargerView c;
  c.id = "EO \"Mini\"\\Pro\n2";
  c.connected = true;
  c.vendor = "EO";
  c.messages_in = 42;
  c.messages_out = 40;
  c.errors = 1;
  c.last_seen = Time(std::chrono::seconds(1'795'000'000));
  ConnectorView k;
  k.connector_id = 1;
  k.status = "SuspendedEV";
  k.offered = OfferedCurrent{10.5, "Solar"};
  k.current_a = 10.2;
  k.power_w = 7040;
  k.voltage_v = 231.5;
  k.energy_register_wh = 123456;
  k.session_energy_wh = 5000;
  c.connectors.push_back(k);
  c.ct = {{"L1", 20.5}, {"L2", 3}, {"site", 23.5, 22.25}};
  ChargerView offline;
  offline.id = "CP2";

  const auto e = parse(render_metrics({c, offline}));
  EXPECT_EQ(e.types.at("csms_charge_point_connected"), "gauge");
  EXPECT_EQ(e.types.at("csms_charge_point_messages_received_total"), "counter");
  EXPECT_EQ(e.types.at("csms_connector_energy_import_watt_hours_total"), "counter");
  for (const auto& [name, type] : e.types) {
    EXPECT_TRUE(name.starts_with("csms_")) << name;
    EXPECT_EQ(type == "counter", name.ends_with("_total")) << name;
  }

  const auto connected = find(e, "csms_charge_point_connected");
  ASSERT_EQ(connected.size(), 2u);
  EXPECT_EQ(connected[0].labels.at("charge_point"), c.id);  // escaped and read back intact
  EXPECT_EQ(connected[0].value, 1);
  EXPECT_EQ(connected[1].value, 0);

  const auto status = find(e, "csms_connector_status");
  ASSERT_EQ(status.size(), 9u);
  double ones = 0;
  for (const auto& s : status) {
    ones += s.value;
    if (s.value == 1) {
      EXPECT_EQ(s.labels.at("status"), "SuspendedEV");
    }
  }
  EXPECT_EQ(ones, 1);

  const auto offered = find(e, "csms_connector_offered_current_amperes");
  ASSERT_EQ(offered.size(), 1u);
  EXPECT_EQ(offered[0].labels.at("source"), "Solar");
  EXPECT_EQ(offered[0].value, 10.5);
  EXPECT_EQ(find(e, "csms_connector_power_watts")[0].value, 7040);
  EXPECT_EQ(find(e, "csms_connector_voltage_volts")[0].value, 231.5);
  EXPECT_EQ(find(e, "csms_connector_energy_import_watt_hours_total")[0].value, 123456);
  EXPECT_EQ(find(e, "csms_connector_session_energy_watt_hours")[0].value, 5000);
  EXPECT_EQ(find(e, "csms_charge_point_messages_received_total")[0].value, 42);
  EXPECT_EQ(find(e, "csms_charge_point_errors_total")[0].value, 1);
  EXPECT_EQ(find(e, "csms_charge_point_last_seen_timestamp_seconds")[0].value, 1'795'000'000);
  const auto ct = find(e, "csms_ct_current_amperes");
  ASSERT_EQ(ct.size(), 3u);
  EXPECT_EQ(ct[0].labels.at("channel"), "L1");
  EXPECT_EQ(ct[0].value, 20.5);
  // Before calibration: only where the charge point reports it (its CtReadings DataTransfer).
  const auto raw = find(e, "csms_ct_raw_current_amperes");
  ASSERT_EQ(raw.size(), 1u);
  EXPECT_EQ(raw[0].labels.at("channel"), "site");
  EXPECT_EQ(raw[0].value, 22.25);
}

TEST(Metrics, EscapesLabelValues) {
  EXPECT_EQ(escape_label_value("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
  EXPECT_EQ(parse_metrics_access("token"), MetricsAccess::Token);
  EXPECT_FALSE(parse_metrics_access("yes"));
}

TEST_F(ApiTest, MetricsEndpointIsPublicByDefault) {
  const auto response = send("GET", "/metrics");
  ASSERT_EQ(response.status, 200);
  EXPECT_EQ(response.content_type, "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_EQ(find(parse(response.body), "csms_charge_point_connected").size(), 2u);
  EXPECT_EQ(send("POST", "/metrics").status, 405);
}

class MetricsAccessTest : public ApiTest {
 protected:
  HttpApi token_api_{port_, auth_, events_, files_, ApiOptions{MetricsAccess::Token, 1024, {}}};
  HttpApi off_api_{port_, auth_, events_, files_, ApiOptions{MetricsAccess::Off, 1024, {}}};
};

TEST_F(MetricsAccessTest, TokenOrOff) {
  const auto login = set_up_and_log_in();
  const std::string token =
      json(as_user(login, "POST", "/api/tokens", R"({"name":"prom"})"))["token"];
  net::HttpRequest request;
  request.method = "GET";
  request.target = "/metrics";
  EXPECT_EQ(token_api_.handle(request).status, 401);
  request.headers = {{"Cookie", login.cookie}};
  EXPECT_EQ(token_api_.handle(request).status, 401);  // a browser session is not a scraper
  request.headers = {{"Authorization", "Bearer " + token}};
  EXPECT_EQ(token_api_.handle(request).status, 200);
  EXPECT_EQ(off_api_.handle(request).status, 404);
}

}  // namespace
}  // namespace csms::api::testing
