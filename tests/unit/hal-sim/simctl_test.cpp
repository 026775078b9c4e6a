// eo-simctl against a real control server: the daemon's loop runs on a second thread, the client
// (blocking POSIX calls, as in the tool) on the test's thread.
#include "hal/sim/simctl.hpp"

#include <filesystem>
#include <sstream>
#include <thread>

#include "common/event_loop.hpp"
#include "hal/sim/control_server.hpp"
#include "sim_fixture.hpp"

namespace hal::sim::testing {
namespace {

class SimctlTest : public SimTest {
 protected:
  void SetUp() override {
    char dir_template[] = "/tmp/eo-simctl-test-XXXXXX";
    ASSERT_NE(::mkdtemp(dir_template), nullptr);
    dir = dir_template;
    path = dir + "/sim.sock";
    make();
    sim->start();
  }
  void TearDown() override {
    stop_daemon();
    std::filesystem::remove_all(dir);
  }
  void start_daemon() {
    server = std::make_unique<ControlServer>(loop, path, *sim);
    server->start();
    loop_thread = std::thread([this] { loop.run(); });
  }
  void stop_daemon() {
    if (!loop_thread.joinable()) return;
    loop.post([this] { loop.stop(); });
    loop_thread.join();
  }
  int simctl(const std::vector<std::string>& args, const char* env = nullptr) {
    out.str("");
    err.str("");
    return run_simctl(args, env, out, err);
  }

  common::EventLoop loop;
  std::unique_ptr<ControlServer> server;
  std::thread loop_thread;
  std::string dir;
  std::string path;
  std::ostringstream out;
  std::ostringstream err;
};

TEST_F(SimctlTest, OkRepliesExitZero) {
  start_daemon();
  EXPECT_EQ(simctl({"--socket", path, "car", "soc", "80"}), 0);
  EXPECT_EQ(out.str(), "ok\n");
  EXPECT_EQ(err.str(), "");
  EXPECT_EQ(simctl({"--socket=" + path, "status"}), 0);
  EXPECT_EQ(out.str().rfind("ok {", 0), 0u);
  stop_daemon();
  EXPECT_DOUBLE_EQ(sim->snapshot().soc_percent, 80);
}

TEST_F(SimctlTest, ErrorRepliesExitOne) {
  start_daemon();
  EXPECT_EQ(simctl({"--socket", path, "car", "max-current", "400"}), 1);
  EXPECT_EQ(out.str(), "error: car max current must be from 1 to 80 A, got 400\n");
}

TEST_F(SimctlTest, EnvironmentNamesTheSocketAndTheOptionWins) {
  start_daemon();
  EXPECT_EQ(simctl({"plug-in"}, path.c_str()), 0);
  EXPECT_EQ(simctl({"--socket", dir + "/elsewhere.sock", "plug-in"}, path.c_str()), 2);
  EXPECT_NE(err.str().find(dir + "/elsewhere.sock"), std::string::npos) << err.str();
}

TEST_F(SimctlTest, NoDaemonExitsTwoNamingThePath) {
  EXPECT_EQ(simctl({"--socket", path, "status"}), 2);
  EXPECT_EQ(out.str(), "");
  const auto message = err.str();
  EXPECT_NE(message.find("cannot reach the simulator at " + path), std::string::npos) << message;
  EXPECT_NE(message.find("must be running with the simulated box"), std::string::npos) << message;
}

TEST_F(SimctlTest, DefaultPathIsUsedWithoutOptionOrEnvironment) {
  EXPECT_EQ(simctl({"status"}, ""), 2);  // nothing serves /run/eo-ocpp/sim.sock in a test
  EXPECT_NE(err.str().find("/run/eo-ocpp/sim.sock"), std::string::npos) << err.str();
}

TEST_F(SimctlTest, UsageErrors) {
  EXPECT_EQ(simctl({}), 2);
  EXPECT_NE(err.str().find("no command given"), std::string::npos);
  EXPECT_EQ(simctl({"--socket"}), 2);
  EXPECT_NE(err.str().find("--socket needs a path"), std::string::npos);
  EXPECT_EQ(simctl({"--frobnicate", "status"}), 2);
  EXPECT_NE(err.str().find("unknown option --frobnicate"), std::string::npos);
  EXPECT_EQ(simctl({"--help"}), 0);
  EXPECT_NE(out.str().find("usage: eo-simctl"), std::string::npos);
  EXPECT_EQ(simctl({"status\nunplug"}), 2);
  EXPECT_NE(err.str().find("line breaks"), std::string::npos);
}

TEST_F(SimctlTest, DoubleDashEndsOptions) {
  start_daemon();
  EXPECT_EQ(simctl({"--socket", path, "--", "--weird"}), 1);
  EXPECT_EQ(out.str(), "error: unknown command \"--weird\" (try help)\n");
}

}  // namespace
}  // namespace hal::sim::testing
