// The control socket end to end: a real Unix socket in a temporary folder, a plain POSIX client,
// and the event loop run in short slices until the reply is there (no sleeps).
#include "hal/sim/control_server.hpp"

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <stdexcept>

#include "common/event_loop.hpp"
#include "sim_fixture.hpp"

namespace hal::sim::testing {
namespace {

int connect_to(const std::string& path) {
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::strncpy(address.sun_path, path.c_str(), sizeof address.sun_path - 1);
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

class TestClient {
 public:
  explicit TestClient(const std::string& path) : fd_(connect_to(path)) {
    if (fd_ >= 0) ::fcntl(fd_, F_SETFL, O_NONBLOCK);
  }
  ~TestClient() { close(); }
  TestClient(const TestClient&) = delete;
  TestClient& operator=(const TestClient&) = delete;

  bool connected() const { return fd_ >= 0; }
  void send(const std::string& text) {
    ASSERT_EQ(::send(fd_, text.data(), text.size(), MSG_NOSIGNAL),
              static_cast<ssize_t>(text.size()));
  }
  void finish_sending() { ::shutdown(fd_, SHUT_WR); }
  void close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }
  // Runs the loop until a whole line has arrived (returned without its newline), or nullopt once
  // the server has closed the connection with nothing more to read.
  std::optional<std::string> read_line(common::EventLoop& loop) {
    for (int slice = 0; slice < 500; ++slice) {
      if (auto line = take_line()) return line;
      if (peer_closed_) return std::nullopt;
      loop.run_for(std::chrono::milliseconds(10));
      pump();
    }
    ADD_FAILURE() << "no reply within 5 s";
    return std::nullopt;
  }
  bool closed_by_server(common::EventLoop& loop) {
    while (auto line = read_line(loop)) {
    }
    return peer_closed_;
  }

 private:
  void pump() {
    char chunk[4096];
    for (;;) {
      const auto n = ::recv(fd_, chunk, sizeof chunk, 0);
      if (n > 0) {
        received_.append(chunk, static_cast<std::size_t>(n));
        continue;
      }
      if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK)) peer_closed_ = true;
      return;
    }
  }
  std::optional<std::string> take_line() {
    const auto end = received_.find('\n');
    if (end == std::string::npos) return std::nullopt;
    auto line = received_.substr(0, end);
    received_.erase(0, end + 1);
    return line;
  }

  int fd_;
  std::string received_;
  bool peer_closed_ = false;
};

class ControlServerTest : public SimTest {
 protected:
  void SetUp() override {
    char dir_template[] = "/tmp/eo-simctl-test-XXXXXX";
    ASSERT_NE(::mkdtemp(dir_template), nullptr);
    dir = dir_template;
    path = dir + "/sim.sock";
    make();
    sim->start();
  }
  void TearDown() override { std::filesystem::remove_all(dir); }

  // `start` must throw a runtime_error whose message contains `expected`.
  void expect_start_fails(ControlServer& server, const std::string& expected) {
    try {
      server.start();
      ADD_FAILURE() << "start() succeeded";
    } catch (const std::runtime_error& error) {
      EXPECT_NE(std::string(error.what()).find(expected), std::string::npos) << error.what();
      EXPECT_NE(std::string(error.what()).find(server.socket_path()), std::string::npos)
          << error.what();
    }
  }

  common::EventLoop loop;
  std::string dir;
  std::string path;
};

TEST_F(ControlServerTest, AnswersEachLineInOrder) {
  ControlServer server(loop, path, *sim);
  server.start();
  TestClient client(path);
  ASSERT_TRUE(client.connected());
  client.send("plug-in\n");
  EXPECT_EQ(client.read_line(loop), "ok");
  EXPECT_TRUE(sim->snapshot().plugged);
  client.send("car soc 80\r\nsolar -3\nstatus\n");  // several lines in one write, one with CR LF
  EXPECT_EQ(client.read_line(loop), "ok");
  EXPECT_EQ(client.read_line(loop), "error: solar generation must be from 0 to 50000 W, got -3");
  const auto status = client.read_line(loop);
  ASSERT_TRUE(status.has_value());
  EXPECT_EQ(status->rfind("ok {", 0), 0u);
  EXPECT_NE(status->find("\"soc_percent\":80"), std::string::npos) << *status;
  EXPECT_EQ(server.client_count(), 1u);
}

TEST_F(ControlServerTest, SocketFileIsGroupAccessibleOnly) {
  ControlServer server(loop, path, *sim);
  server.start();
  struct stat info {};
  ASSERT_EQ(::lstat(path.c_str(), &info), 0);
  EXPECT_TRUE(S_ISSOCK(info.st_mode));
  EXPECT_EQ(info.st_mode & 07777, 0660u);
}

TEST_F(ControlServerTest, LineOfTheMaximumLengthIsServed) {
  ControlServer server(loop, path, *sim);
  server.start();
  TestClient client(path);
  client.send("house-load " + std::string(ControlServer::max_line_bytes - 12, ' ') + "7\n");
  EXPECT_EQ(client.read_line(loop), "ok");
  EXPECT_DOUBLE_EQ(sim->snapshot().household_load_w, 7);
}

TEST_F(ControlServerTest, OverlongLineGetsAnErrorAndTheConnectionIsClosed) {
  ControlServer server(loop, path, *sim);
  server.start();
  TestClient client(path);
  client.send(std::string(ControlServer::max_line_bytes + 1, 'x') + "\n");
  EXPECT_EQ(client.read_line(loop), "error: line longer than 1024 bytes; closing the connection");
  EXPECT_TRUE(client.closed_by_server(loop));
  EXPECT_EQ(server.client_count(), 0u);
}

TEST_F(ControlServerTest, LastCommandWithoutNewlineIsAnswered) {
  ControlServer server(loop, path, *sim);
  server.start();
  TestClient client(path);
  client.send("unplug");
  client.finish_sending();
  EXPECT_EQ(client.read_line(loop), "ok");
  EXPECT_TRUE(client.closed_by_server(loop));
}

TEST_F(ControlServerTest, OneClientTooManyIsToldAndClosed) {
  ControlServer server(loop, path, *sim);
  server.start();
  std::vector<std::unique_ptr<TestClient>> clients;
  for (std::size_t i = 0; i < ControlServer::max_clients; ++i) {
    clients.push_back(std::make_unique<TestClient>(path));
    clients.back()->send("help\n");
    ASSERT_TRUE(clients.back()->read_line(loop).has_value());
  }
  TestClient extra(path);
  EXPECT_EQ(extra.read_line(loop), "error: too many control clients (at most 4)");
  EXPECT_TRUE(extra.closed_by_server(loop));

  clients.front()->close();  // a place frees up once the server has seen the close
  clients[1]->send("help\n");
  ASSERT_TRUE(clients[1]->read_line(loop).has_value());
  TestClient next(path);
  next.send("unplug\n");
  EXPECT_EQ(next.read_line(loop), "ok");
}

TEST_F(ControlServerTest, StaleSocketFileIsReplaced) {
  // A socket file nobody listens on, as a crashed daemon leaves behind.
  const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::strncpy(address.sun_path, path.c_str(), sizeof address.sun_path - 1);
  ASSERT_EQ(::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address), 0);
  ::close(fd);
  ControlServer server(loop, path, *sim);
  server.start();
  TestClient client(path);
  client.send("plug-in\n");
  EXPECT_EQ(client.read_line(loop), "ok");
}

TEST_F(ControlServerTest, RegularFileInTheWayIsNotDeleted) {
  std::ofstream(path) << "precious";
  ControlServer server(loop, path, *sim);
  expect_start_fails(server, "exists and is not a socket");
  EXPECT_TRUE(std::filesystem::is_regular_file(path));
}

TEST_F(ControlServerTest, SecondServerOnTheSamePathIsRefused) {
  ControlServer first(loop, path, *sim);
  first.start();
  ControlServer second(loop, path, *sim);
  expect_start_fails(second, "another process is serving it");
  TestClient client(path);  // the first one still works
  client.send("help\n");
  EXPECT_TRUE(client.read_line(loop).has_value());
}

TEST_F(ControlServerTest, MissingFolderAndOverlongPathAreReported) {
  ControlServer missing(loop, dir + "/no-such-folder/sim.sock", *sim);
  expect_start_fails(missing, "No such file or directory");
  ControlServer overlong(loop, dir + "/" + std::string(120, 'x'), *sim);
  expect_start_fails(overlong, "a Unix socket path holds at most 107");
}

TEST_F(ControlServerTest, StopClosesClientsAndRemovesTheSocketFile) {
  ControlServer server(loop, path, *sim);
  server.start();
  TestClient client(path);
  client.send("help\n");
  ASSERT_TRUE(client.read_line(loop).has_value());
  server.stop();
  EXPECT_FALSE(std::filesystem::exists(path));
  EXPECT_TRUE(client.closed_by_server(loop));
  EXPECT_EQ(server.client_count(), 0u);
  server.start();  // and can listen again
  TestClient again(path);
  again.send("help\n");
  EXPECT_TRUE(again.read_line(loop).has_value());
}

}  // namespace
}  // namespace hal::sim::testing
