// eo-board-sim: plays the EO power board on a pseudo-terminal, so the real driver (and the whole
// daemon) runs on a laptop. Prints the pty's path on its first line; commands on stdin change the
// world and inject faults (docs/eo-board.md, "eo-board-sim").
#include <poll.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <sstream>
#include <string>

#include "hal/eo/board_model.hpp"
#include "hal/eo/ct_device_model.hpp"
#include "hal/eo/pty.hpp"
#include "hal/eo/sim_line.hpp"

namespace {

using hal::eo::BoardFaults;
using hal::eo::BoardModel;
using hal::eo::CtDeviceModel;

constexpr const char* usage =
    "usage: eo-board-sim [--link PATH] [--plugged] [--car-demand A] [--max-current A]\n"
    "                    [--boot-replies N] [--watchdog-s S] [--watchdog-current A]\n"
    "                    [--ct-site A] [--ct-vehicle A] [--ct-solar A] [FAULT...]\n"
    "faults (also stdin commands `FAULT on|off`): silent garbage truncate bad-checksum\n"
    "  live-voltage-zero crlf mains-fault oscillate ct-silent\n"
    "stdin commands: plug | unplug | demand A | state N | state auto | status | quit\n"
    "  ct site|vehicle|solar A      the CT device's reading (answers at 9600 baud only)\n"
    "  ct site|vehicle|solar silent that channel stops answering (a number brings it back)\n";

bool* fault_flag(BoardFaults& faults, const std::string& name) {
  if (name == "silent") return &faults.silent;
  if (name == "garbage") return &faults.garbage_before;
  if (name == "truncate") return &faults.truncate;
  if (name == "bad-checksum") return &faults.bad_checksum;
  if (name == "live-voltage-zero") return &faults.live_voltage_zero;
  if (name == "crlf") return &faults.crlf;
  if (name == "mains-fault") return &faults.mains_fault;
  if (name == "oscillate") return &faults.contactor_oscillation;
  return nullptr;
}

std::string ct_command(CtDeviceModel& ct, const std::string& channel_name, const std::string& arg) {
  const auto channel = hal::eo::parse_ct_channel(channel_name);
  if (!channel) return "error: ct needs a channel: site, vehicle or solar";
  if (arg == "silent") {
    ct.set_channel_silent(*channel, true);
    return "CT " + channel_name + " silent";
  }
  try {
    std::size_t used = 0;
    const double amps = std::stod(arg, &used);
    if (used != arg.size() || !(amps >= 0 && amps <= hal::eo::max_plausible_ct_a))
      return "error: ct " + channel_name + " needs 0 to 200 A or silent";
    ct.set_current_a(*channel, amps);
    ct.set_channel_silent(*channel, false);
    return "CT " + channel_name + " " + arg + " A";
  } catch (const std::exception&) {
    return "error: ct " + channel_name + " needs a number of amps or silent";
  }
}

std::string execute(BoardModel& board, CtDeviceModel& ct, const std::string& line) {
  std::istringstream in(line);
  std::string word;
  std::string arg;
  std::string value;
  in >> word >> arg >> value;
  if (word == "ct") return ct_command(ct, arg, value);
  if (word == "ct-silent") {
    if (arg != "on" && arg != "off") return "error: ct-silent on|off";
    ct.set_silent(arg == "on");
    return "ct-silent " + arg;
  }
  if (word == "plug") return board.plug_in(), "plugged in";
  if (word == "unplug") return board.unplug(), "unplugged";
  if (word == "demand") {
    try {
      board.set_car_demand_a(std::stod(arg));
      return "car demand " + arg + " A";
    } catch (const std::exception&) {
      return "error: demand needs a number of amps";
    }
  }
  if (word == "state") {
    if (arg == "auto") return board.faults().state_id.reset(), "state follows the model";
    try {
      board.faults().state_id = std::stoi(arg, nullptr, 0);
      return "state id forced to " + arg;
    } catch (const std::exception&) {
      return "error: state needs a number (17, 0x2A) or auto";
    }
  }
  if (word == "status") {
    return "state " + std::to_string(board.state_id()) + ", limit " +
           std::to_string(board.applied_limit_a()) + " A, car " +
           std::to_string(board.car_current_a()) + " A" +
           (board.watchdog_tripped() ? ", watchdog fallback" : "") + ", refused " +
           std::to_string(board.requests_refused()) + "; CT site " +
           std::to_string(ct.current_a(hal::eo::CtChannel::site)) + " A, vehicle " +
           std::to_string(ct.current_a(hal::eo::CtChannel::vehicle)) + " A, solar " +
           std::to_string(ct.current_a(hal::eo::CtChannel::solar)) + " A" +
           (ct.silent() ? " (silent)" : "") + ", CT answers " + std::to_string(ct.answers());
  }
  if (bool* flag = fault_flag(board.faults(), word)) {
    if (arg != "on" && arg != "off") return "error: " + word + " on|off";
    *flag = arg == "on";
    return word + " " + arg;
  }
  return "error: unknown command '" + word + "'";
}

}  // namespace

int main(int argc, char** argv) {
  hal::eo::BoardModelConfig config;
  BoardFaults faults;
  CtDeviceModel ct;
  bool plugged = false;
  double demand_a = 32;
  std::string link;
  try {
    for (int i = 1; i < argc; ++i) {
      const std::string arg = argv[i];
      const auto value = [&]() -> std::string {
        if (i + 1 >= argc) throw std::invalid_argument(arg + " needs a value");
        return argv[++i];
      };
      if (arg == "--help" || arg == "-h") {
        std::cout << usage;
        return 0;
      } else if (arg == "--link") {
        link = value();
      } else if (arg == "--plugged") {
        plugged = true;
      } else if (arg == "--car-demand") {
        demand_a = std::stod(value());
      } else if (arg == "--max-current") {
        config.max_current_a = std::stoi(value());
      } else if (arg == "--boot-replies") {
        config.boot_replies = std::stoi(value());
      } else if (arg == "--watchdog-s") {
        config.watchdog_timeout = std::chrono::seconds(std::stoi(value()));
      } else if (arg == "--watchdog-current") {
        config.watchdog_current_a = std::stod(value());
      } else if (arg.rfind("--ct-", 0) == 0 && arg != "--ct-silent") {
        const auto reply = ct_command(ct, arg.substr(5), value());
        if (reply.rfind("error", 0) == 0) throw std::invalid_argument(reply);
      } else if (arg == "--ct-silent" || arg == "ct-silent") {
        ct.set_silent(true);
      } else if (bool* flag = fault_flag(faults, arg.substr(arg.rfind('-', 1) == 1 ? 2 : 0))) {
        *flag = true;
      } else {
        throw std::invalid_argument("unknown option " + arg);
      }
    }
  } catch (const std::exception& e) {
    std::cerr << "eo-board-sim: " << e.what() << "\n" << usage;
    return 2;
  }

  hal::eo::PtyMaster pty;
  if (pty.error()) {
    std::cerr << "eo-board-sim: cannot open a pty: " << pty.error().message() << "\n";
    return 1;
  }
  if (!link.empty()) {
    ::unlink(link.c_str());
    if (::symlink(pty.slave_path().c_str(), link.c_str()) != 0) {
      std::perror(("eo-board-sim: symlink " + link).c_str());
      return 1;
    }
  }
  BoardModel board(config);
  board.faults() = faults;
  // One RS-485 line, two devices: the board hears 115200 baud, the CT device 9600 (notes §5).
  hal::eo::SimulatedLine bus(board, ct);
  if (plugged) board.plug_in();
  board.set_car_demand_a(demand_a);
  std::cout << pty.slave_path() << std::endl;

  const auto started = std::chrono::steady_clock::now();
  const auto now = [&] {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                 started);
  };
  std::string line;
  bool stdin_open = true;
  for (;;) {
    pollfd fds[2] = {{pty.fd(), POLLIN, 0}, {stdin_open ? STDIN_FILENO : -1, POLLIN, 0}};
    if (::poll(fds, 2, 100) < 0) continue;
    board.advance_to(now());
    if ((fds[0].revents & POLLIN) != 0) {
      const auto bytes = pty.read_some(std::chrono::milliseconds(0));
      const auto reply = bus.receive(bytes, pty.line_baud(), now());
      if (!reply.empty()) (void)pty.write_all(reply);
    }
    if ((fds[1].revents & (POLLIN | POLLHUP)) != 0) {
      char buffer[256];
      const auto n = ::read(STDIN_FILENO, buffer, sizeof buffer);
      if (n <= 0) {
        stdin_open = false;  // stdin closed: keep serving the pty until killed
        continue;
      }
      line.append(buffer, static_cast<std::size_t>(n));
      for (auto end = line.find('\n'); end != std::string::npos; end = line.find('\n')) {
        const auto command = line.substr(0, end);
        line.erase(0, end + 1);
        if (command == "quit") return 0;
        if (!command.empty()) std::cout << execute(board, ct, command) << std::endl;
      }
    }
  }
}
