#include "hal/sim/control_server.hpp"

#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <set>
#include <stdexcept>
#include <utility>

#include <spdlog/spdlog.h>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/write.hpp>

#include "hal/sim/command_interpreter.hpp"

namespace hal::sim {

namespace asio = boost::asio;
using stream = asio::local::stream_protocol;

namespace {

class Client;

struct Server : std::enable_shared_from_this<Server> {
  Server(common::EventLoop& loop, std::string socket_path, SimulatedCharger& charger)
      : path(std::move(socket_path)), interpreter(charger), acceptor(loop.context()) {}

  void start();
  void stop();
  void do_accept();
  void on_accept(const boost::system::error_code& ec, stream::socket socket);
  void forget(const std::shared_ptr<Client>& client) { clients.erase(client); }

  std::string path;
  CommandInterpreter interpreter;
  stream::acceptor acceptor;
  std::set<std::shared_ptr<Client>> clients;
  bool socket_file_ours = false;
};

// One connection: read a line, answer it, read the next. The next read starts only after the reply
// is written, so there is never more than one write in flight.
class Client : public std::enable_shared_from_this<Client> {
 public:
  Client(stream::socket socket, std::weak_ptr<Server> server)
      : socket_(std::move(socket)), server_(std::move(server)) {}

  void read_line() {
    // One byte over the limit for the newline itself.
    asio::async_read_until(
        socket_, asio::dynamic_buffer(buffer_, ControlServer::max_line_bytes + 1), '\n',
        [self = shared_from_this()](const boost::system::error_code& ec, std::size_t length) {
          self->on_read(ec, length);
        });
  }

  void send_and_close(std::string text) { send(std::move(text), true); }

  void close() {
    boost::system::error_code ignored;
    socket_.shutdown(stream::socket::shutdown_both, ignored);
    socket_.close(ignored);
  }

 private:
  void on_read(const boost::system::error_code& ec, std::size_t length) {
    auto server = server_.lock();
    if (!server || !socket_.is_open()) return;
    if (ec == asio::error::not_found) {
      send_and_close("error: line longer than " + std::to_string(ControlServer::max_line_bytes) +
                     " bytes; closing the connection");
      return;
    }
    if (ec == asio::error::eof && !buffer_.empty()) {
      // A last command without its newline (e.g. `printf status | nc -U`) still gets its answer.
      send_and_close(server->interpreter.execute(buffer_));
      buffer_.clear();
      return;
    }
    if (ec) {
      if (ec != asio::error::eof)
        spdlog::debug("sim control: client read failed: {}", ec.message());
      close();
      server->forget(shared_from_this());
      return;
    }
    const std::string line = buffer_.substr(0, length - 1);
    buffer_.erase(0, length);
    send(server->interpreter.execute(line), false);
  }

  void send(std::string text, bool close_after) {
    reply_ = std::move(text) + "\n";
    asio::async_write(
        socket_, asio::buffer(reply_),
        [self = shared_from_this(), close_after](const boost::system::error_code& ec, std::size_t) {
          auto server = self->server_.lock();
          if (!server) return;
          if (ec || close_after) {
            self->close();
            server->forget(self);
            return;
          }
          self->read_line();
        });
  }

  stream::socket socket_;
  std::weak_ptr<Server> server_;
  std::string buffer_;
  std::string reply_;
};

}  // namespace

struct ControlServer::Impl {
  std::shared_ptr<Server> server;
};

void Server::start() {
  if (acceptor.is_open()) return;
  const auto fail = [this](const std::string& reason) {
    boost::system::error_code ignored;
    acceptor.close(ignored);
    throw std::runtime_error("simulator control socket " + path + ": " + reason);
  };
  if (path.empty()) fail("no path given");
  if (path.size() >= sizeof(sockaddr_un::sun_path))
    fail("path is " + std::to_string(path.size()) + " bytes, a Unix socket path holds at most " +
         std::to_string(sizeof(sockaddr_un::sun_path) - 1));

  const stream::endpoint endpoint(path);
  struct stat info {};
  if (::lstat(path.c_str(), &info) == 0) {
    if (!S_ISSOCK(info.st_mode)) fail("exists and is not a socket; not replacing it");
    // A socket file nobody answers on is left over from a run that did not clean up.
    stream::socket probe(acceptor.get_executor());
    boost::system::error_code probe_ec;
    probe.connect(endpoint, probe_ec);
    if (!probe_ec) fail("another process is serving it (is a second daemon running?)");
    if (::unlink(path.c_str()) != 0)
      fail(std::string("cannot remove the stale socket: ") + std::strerror(errno));
    spdlog::info("sim control: removed stale socket {}", path);
  }

  boost::system::error_code ec;
  acceptor.open(endpoint.protocol(), ec);
  if (ec) fail(ec.message());
  acceptor.bind(endpoint, ec);
  if (ec) fail(ec.message());
  socket_file_ours = true;
  if (::chmod(path.c_str(), 0660) != 0) {
    const std::string reason = std::string("cannot set mode 0660: ") + std::strerror(errno);
    stop();
    fail(reason);
  }
  acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    stop();
    fail(ec.message());
  }
  spdlog::info("sim control: listening on {} (eo-simctl --socket {} help)", path, path);
  do_accept();
}

void Server::stop() {
  boost::system::error_code ignored;
  acceptor.close(ignored);
  for (const auto& client : clients) client->close();
  clients.clear();
  if (socket_file_ours) {
    ::unlink(path.c_str());
    socket_file_ours = false;
  }
}

void Server::do_accept() {
  acceptor.async_accept(
      [weak = weak_from_this()](const boost::system::error_code& ec, stream::socket socket) {
        if (auto self = weak.lock()) self->on_accept(ec, std::move(socket));
      });
}

void Server::on_accept(const boost::system::error_code& ec, stream::socket socket) {
  if (!acceptor.is_open()) return;  // stopped while the completion was queued
  if (ec) {
    // Only resource exhaustion (EMFILE) fails here; the control socket is a convenience, so give up
    // on it loudly rather than spin.
    spdlog::error("sim control: accept on {} failed: {}; the control socket is closed", path,
                  ec.message());
    stop();
    return;
  }
  auto client = std::make_shared<Client>(std::move(socket), weak_from_this());
  clients.insert(client);
  if (clients.size() > ControlServer::max_clients) {
    client->send_and_close("error: too many control clients (at most " +
                           std::to_string(ControlServer::max_clients) + ")");
  } else {
    client->read_line();
  }
  do_accept();
}

ControlServer::ControlServer(common::EventLoop& loop, std::string socket_path,
                             SimulatedCharger& charger)
    : impl_(std::make_unique<Impl>(
          Impl{std::make_shared<Server>(loop, std::move(socket_path), charger)})) {}

ControlServer::~ControlServer() {
  impl_->server->stop();
}

void ControlServer::start() {
  impl_->server->start();
}
void ControlServer::stop() {
  impl_->server->stop();
}
const std::string& ControlServer::socket_path() const {
  return impl_->server->path;
}
std::size_t ControlServer::client_count() const {
  return impl_->server->clients.size();
}

}  // namespace hal::sim
