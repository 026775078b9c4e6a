#include "domain/connector_status.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace chargepoint {
namespace {

using hal::VehicleState;
using ocpp::messages::ChargePointErrorCode;
using ocpp::messages::ChargePointStatus;
using Phase = TransactionPhase;

struct Case {
  const char* name;
  VehicleState vehicle;
  Phase transaction;
  bool offering = true;
  bool operative = true;
  bool authorized = false;
  bool reserved = false;
  ChargePointStatus expected;
};

// OCPP 1.6 §4.9 and §7 ChargePointStatus: one row per situation the EO box can be in.
const Case k_cases[] = {
    {"idle", VehicleState::no_vehicle, Phase::none, true, true, false, false,
     ChargePointStatus::Available},
    {"board starting", VehicleState::unknown, Phase::none, true, true, false, false,
     ChargePointStatus::Unavailable},
    {"cable in socket", VehicleState::plug_present, Phase::none, true, true, false, false,
     ChargePointStatus::Preparing},
    {"car plugged, no tx", VehicleState::connected, Phase::none, true, true, false, false,
     ChargePointStatus::Preparing},
    {"authorised before plugging", VehicleState::no_vehicle, Phase::none, true, true, true, false,
     ChargePointStatus::Preparing},
    {"charging", VehicleState::charging, Phase::active, true, true, false, false,
     ChargePointStatus::Charging},
    {"tx, car not drawing yet", VehicleState::connected, Phase::active, true, true, false, false,
     ChargePointStatus::SuspendedEV},
    {"tx, car full", VehicleState::ev_finished, Phase::active, true, true, false, false,
     ChargePointStatus::SuspendedEV},
    {"tx, limit is 0", VehicleState::connected, Phase::active, false, true, false, false,
     ChargePointStatus::SuspendedEVSE},
    {"tx, limit 0 while the car still draws", VehicleState::charging, Phase::active, false, true,
     false, false, ChargePointStatus::Charging},
    {"tx, board paused", VehicleState::evse_suspended, Phase::active, true, true, false, false,
     ChargePointStatus::SuspendedEVSE},
    {"tx, cable pulled from the car (tx kept)", VehicleState::no_vehicle, Phase::active, true, true,
     false, false, ChargePointStatus::SuspendedEV},
    {"tx, board restarting", VehicleState::unknown, Phase::active, true, true, false, false,
     ChargePointStatus::SuspendedEVSE},
    {"tx ended, still plugged", VehicleState::connected, Phase::finishing, true, true, false, false,
     ChargePointStatus::Finishing},
    {"tx ended, unplugged", VehicleState::no_vehicle, Phase::finishing, true, true, false, false,
     ChargePointStatus::Available},
    {"inoperative, idle", VehicleState::no_vehicle, Phase::none, true, false, false, false,
     ChargePointStatus::Unavailable},
    {"inoperative, car plugged", VehicleState::connected, Phase::none, true, false, false, false,
     ChargePointStatus::Unavailable},
    {"inoperative scheduled during tx", VehicleState::charging, Phase::active, true, false, false,
     false, ChargePointStatus::Charging},
    {"inoperative after tx ended", VehicleState::connected, Phase::finishing, true, false, false,
     false, ChargePointStatus::Unavailable},
    {"reserved, free", VehicleState::no_vehicle, Phase::none, true, true, false, true,
     ChargePointStatus::Reserved},
    {"reserved, car plugged", VehicleState::connected, Phase::none, true, true, false, true,
     ChargePointStatus::Preparing},
};

TEST(ConnectorStatus, RuleTable) {
  for (const auto& c : k_cases) {
    ConnectorSituation s;
    s.vehicle = c.vehicle;
    s.transaction = c.transaction;
    s.offering_current = c.offering;
    s.operative = c.operative;
    s.authorized_waiting = c.authorized;
    s.reserved = c.reserved;
    const auto status = derive_connector_status(s);
    EXPECT_EQ(status.status, c.expected) << c.name << " (rule: " << status.rule << ")";
    EXPECT_EQ(status.error_code, ChargePointErrorCode::NoError) << c.name;
    EXPECT_TRUE(status.info.empty()) << c.name;
    EXPECT_FALSE(status.rule.empty()) << c.name;
  }
}

TEST(ConnectorStatus, BlockingFaultWinsOverEverything) {
  const std::vector<hal::Fault> faults{{hal::FaultCode::ground_failure, "residual current 30 mA"}};
  ConnectorSituation s;
  s.vehicle = VehicleState::charging;
  s.transaction = Phase::active;
  s.faults = faults;
  const auto status = derive_connector_status(s);
  EXPECT_EQ(status.status, ChargePointStatus::Faulted);
  EXPECT_EQ(status.error_code, ChargePointErrorCode::GroundFailure);
  EXPECT_EQ(status.info, "residual current 30 mA");
}

TEST(ConnectorStatus, NonBlockingFaultKeepsTheStatusAndReportsTheErrorCode) {
  const std::vector<hal::Fault> faults{{hal::FaultCode::power_meter, ""}};
  ConnectorSituation s;
  s.vehicle = VehicleState::charging;
  s.transaction = Phase::active;
  s.faults = faults;
  const auto status = derive_connector_status(s);
  EXPECT_EQ(status.status, ChargePointStatus::Charging);
  EXPECT_EQ(status.error_code, ChargePointErrorCode::PowerMeterFailure);
  EXPECT_EQ(status.info, "power-meter");
}

TEST(ConnectorStatus, LostBoardLinkIsAFaultWithAnExplanation) {
  ConnectorSituation s;
  s.vehicle = VehicleState::unknown;
  s.board_link_up = false;
  const auto status = derive_connector_status(s);
  EXPECT_EQ(status.status, ChargePointStatus::Faulted);
  EXPECT_EQ(status.error_code, ChargePointErrorCode::InternalError);
  EXPECT_EQ(status.info, "power board not responding");
}

TEST(ConnectorStatus, InfoIsClippedToTheSchemaLimit) {
  const std::vector<hal::Fault> faults{{hal::FaultCode::mains, std::string(80, 'x')}};
  ConnectorSituation s;
  s.vehicle = VehicleState::no_vehicle;
  s.faults = faults;
  EXPECT_EQ(derive_connector_status(s).info.size(), 50U);
}

TEST(ConnectorStatus, EveryFaultCodeHasAReport) {
  for (auto code :
       {hal::FaultCode::mains, hal::FaultCode::over_voltage, hal::FaultCode::under_voltage,
        hal::FaultCode::over_current, hal::FaultCode::ground_failure,
        hal::FaultCode::high_temperature, hal::FaultCode::ev_communication,
        hal::FaultCode::power_meter, hal::FaultCode::internal}) {
    EXPECT_NE(report_of(code).error_code, ChargePointErrorCode::NoError) << hal::to_string(code);
  }
}

TEST(ChargePointStatus, ConnectorZeroIsAvailableUnavailableOrFaulted) {
  EXPECT_EQ(derive_charge_point_status(true, true, {}).status, ChargePointStatus::Available);
  EXPECT_EQ(derive_charge_point_status(false, true, {}).status, ChargePointStatus::Unavailable);
  EXPECT_EQ(derive_charge_point_status(true, false, {}).status, ChargePointStatus::Faulted);
  const std::vector<hal::Fault> mains{{hal::FaultCode::mains, "no supply"}};
  const auto faulted = derive_charge_point_status(false, true, mains);
  EXPECT_EQ(faulted.status, ChargePointStatus::Faulted);
  EXPECT_EQ(faulted.error_code, ChargePointErrorCode::OtherError);
  EXPECT_EQ(faulted.info, "no supply");
  const std::vector<hal::Fault> meter{{hal::FaultCode::power_meter, ""}};
  EXPECT_EQ(derive_charge_point_status(true, true, meter).status, ChargePointStatus::Available);
}

}  // namespace
}  // namespace chargepoint
