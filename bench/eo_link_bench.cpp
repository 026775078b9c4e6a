// eo-link-bench: figures of the EO board link (bench/README.md, "EO board link"), measured with the
// real driver (hal::eo::EoBoard on the tty transport, on a real event loop) against the
// eo-board-sim process on a pseudo-terminal, CT device included. Prints its figures; not a test.
//
//   eo-link-bench EO_BOARD_SIM [latency_s=30] [cpu_s=60] [link_loss_runs=5]
//
// 1. Exchange time per poll: from the SET LIMIT's write to its reply's terminator, polling every
//    100 ms with the three CTs read between polls; p50/p99/max, and the CT cycles' length.
// 2. CPU per hour at 1 Hz polling (CTs on): getrusage of this process over the window, scaled.
// 3. Link loss: a charging car at 16 A, the board goes silent (eo-board-sim `silent on`): time to
//    on_link_lost; silent for 8 s (the driver reopens the tty and re-discovers), then `silent off`:
//    time until on_link_restored, whose exchange already carried the 16 A limit (checked).
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include <spdlog/spdlog.h>

#include "common/clock.hpp"
#include "common/event_loop.hpp"
#include "hal/eo/eo_board.hpp"
#include "hal/eo/tty_transport.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

double ms_since(Clock::time_point from, Clock::time_point to = Clock::now()) {
  return std::chrono::duration<double, std::milli>(to - from).count();
}

// eo-board-sim as a child: stdin for commands, the pty path from its first line.
class SimProcess {
 public:
  explicit SimProcess(const std::string& path) {
    int in[2];
    int out[2];
    if (::pipe(in) != 0 || ::pipe(out) != 0) std::exit(2);
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(in[0], STDIN_FILENO);
      ::dup2(out[1], STDOUT_FILENO);
      ::close(in[1]);
      ::close(out[0]);
      ::execl(path.c_str(), path.c_str(), "--ct-site", "18.5", "--ct-solar", "3.2", nullptr);
      std::perror("exec eo-board-sim");
      std::_Exit(127);
    }
    ::close(in[0]);
    ::close(out[1]);
    commands_ = in[1];
    output_ = ::fdopen(out[0], "r");
    char line[256] = {};
    if (!std::fgets(line, sizeof line, output_)) {
      std::fprintf(stderr, "eo-board-sim printed no pty path\n");
      std::exit(2);
    }
    pty_ = line;
    while (!pty_.empty() && (pty_.back() == '\n' || pty_.back() == '\r')) pty_.pop_back();
  }
  ~SimProcess() {
    command("quit");
    ::close(commands_);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    std::fclose(output_);
  }
  void command(const std::string& text) {
    const auto line = text + "\n";
    if (::write(commands_, line.data(), line.size()) < 0) std::perror("sim command");
    char reply[256];
    (void)std::fgets(reply, sizeof reply, output_);  // each command answers one line
  }
  const std::string& pty() const { return pty_; }

 private:
  pid_t pid_ = -1;
  int commands_ = -1;
  FILE* output_ = nullptr;
  std::string pty_;
};

// Times each board exchange (a '+' frame written → the reply's CR) and each CT cycle (the switch
// to 9600 baud → the switch back).
class TimingTransport final : public hal::eo::Transport {
 public:
  explicit TimingTransport(std::unique_ptr<hal::eo::Transport> inner) : inner_(std::move(inner)) {}
  std::error_code open(hal::eo::TransportCallbacks callbacks) override {
    auto on_bytes = std::move(callbacks.on_bytes);
    callbacks.on_bytes = [this, on_bytes = std::move(on_bytes)](std::string_view bytes) {
      if (sent_at && bytes.find('\r') != std::string_view::npos && baud_ == 115200) {
        exchanges_ms.push_back(ms_since(*sent_at));
        sent_at.reset();
      }
      if (on_bytes) on_bytes(bytes);
    };
    return inner_->open(std::move(callbacks));
  }
  void close() override { inner_->close(); }
  bool is_open() const override { return inner_->is_open(); }
  void write(std::string bytes) override {
    if (!bytes.empty() && bytes[0] == '+') sent_at = Clock::now();
    inner_->write(std::move(bytes));
  }
  std::string name() const override { return inner_->name(); }
  std::error_code set_baud_rate(unsigned baud) override {
    if (baud == 9600) cycle_from_ = Clock::now();
    if (baud == 115200 && cycle_from_) ct_cycles_ms.push_back(ms_since(*cycle_from_));
    baud_ = baud;
    return inner_->set_baud_rate(baud);
  }

  std::vector<double> exchanges_ms;
  std::vector<double> ct_cycles_ms;
  std::optional<Clock::time_point> sent_at;

 private:
  std::unique_ptr<hal::eo::Transport> inner_;
  std::optional<Clock::time_point> cycle_from_;
  unsigned baud_ = 115200;
};

class Events final : public hal::ChargerEvents {
 public:
  void on_vehicle_state(hal::VehicleState now) override { state = now; }
  void on_meter_sample(const hal::MeterSample& sample) override { last = sample; }
  void on_fault_raised(const hal::Fault&) override {}
  void on_fault_cleared(hal::FaultCode) override {}
  void on_link_lost(std::string_view) override { lost_at = Clock::now(); }
  void on_link_restored() override { restored_at = Clock::now(); }
  hal::VehicleState state = hal::VehicleState::unknown;
  std::optional<hal::MeterSample> last;
  std::optional<Clock::time_point> lost_at;
  std::optional<Clock::time_point> restored_at;
};

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const auto at = static_cast<std::size_t>(p / 100 * static_cast<double>(values.size() - 1) + 0.5);
  return values[std::min(at, values.size() - 1)];
}

double cpu_seconds() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  const auto seconds = [](timeval t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

struct Rig {
  Rig(const std::string& pty, std::chrono::milliseconds poll) {
    hal::eo::EoBoardSettings settings;
    settings.poll_interval = poll;
    settings.reply_timeout = std::min<std::chrono::milliseconds>(250ms, poll / 2);
    settings.ct.channels = {true, true, true};
    settings.ct.on_board_bus = true;
    settings.min_pause_before_resume = 0ms;
    auto timing =
        std::make_unique<TimingTransport>(std::make_unique<hal::eo::TtyTransport>(loop, pty));
    transport = timing.get();
    board = std::make_unique<hal::eo::EoBoard>(loop, clock, std::move(timing), settings);
    board->set_listener(&events);
  }
  common::EventLoop loop;
  common::SystemClock clock;
  Events events;
  TimingTransport* transport = nullptr;
  std::unique_ptr<hal::eo::EoBoard> board;
};

void print_distribution(const char* what, const std::vector<double>& ms, const char* goal) {
  std::printf("%-44s n=%zu  p50 %.2f ms  p99 %.2f ms  max %.2f ms  %s\n", what, ms.size(),
              percentile(ms, 50), percentile(ms, 99), percentile(ms, 100), goal);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr,
                 "usage: eo-link-bench EO_BOARD_SIM [latency_s] [cpu_s] [link_loss_runs]\n");
    return 2;
  }
  spdlog::set_level(spdlog::level::err);  // the link-loss phase logs on purpose
  const std::string sim_path = argv[1];
  const int latency_s = argc > 2 ? std::atoi(argv[2]) : 30;
  const int cpu_s = argc > 3 ? std::atoi(argv[3]) : 60;
  const int runs = argc > 4 ? std::atoi(argv[4]) : 5;

  {  // 1. exchange time per poll
    SimProcess sim(sim_path);
    Rig rig(sim.pty(), 100ms);
    rig.board->start();
    rig.loop.run_for(std::chrono::seconds(latency_s));
    rig.board->stop();
    print_distribution("board exchange (SET LIMIT -> status reply)", rig.transport->exchanges_ms,
                       "(goal: p99 < 20 ms)");
    print_distribution("CT cycle (9600 baud: dropped + 3 channels)", rig.transport->ct_cycles_ms,
                       "");
    const auto ct = rig.events.last ? rig.events.last->ct : hal::CtReadings{};
    std::printf("%-44s site %.2f A, solar %.2f A\n", "last CT readings", ct.site_a.value_or(-1),
                ct.solar_a.value_or(-1));
  }
  {  // 2. CPU per hour at 1 Hz
    SimProcess sim(sim_path);
    Rig rig(sim.pty(), 1000ms);
    rig.board->start();
    rig.loop.run_for(2s);
    const double before = cpu_seconds();
    rig.loop.run_for(std::chrono::seconds(cpu_s));
    const double used = cpu_seconds() - before;
    rig.board->stop();
    std::printf("%-44s %.3f s in %d s = %.2f s/h (%.4f %% of one core)\n",
                "CPU at 1 Hz polling, CTs on (driver process)", used, cpu_s, used * 3600 / cpu_s,
                used / cpu_s * 100);
  }
  {  // 3. link loss and restore, 1 Hz
    SimProcess sim(sim_path);
    sim.command("plug");
    Rig rig(sim.pty(), 1000ms);
    rig.board->start();
    rig.board->offer_current(16);
    rig.loop.run_for(3s);
    std::vector<double> lost_ms;
    std::vector<double> restored_ms;
    int limit_ok = 0;
    for (int run = 0; run < runs; ++run) {
      // Off the poll grid by a different amount each run.
      rig.loop.run_for(std::chrono::milliseconds(137 * (run + 1) % 1000));
      rig.events.lost_at.reset();
      rig.events.restored_at.reset();
      const auto cut = Clock::now();
      sim.command("silent on");
      while (!rig.events.lost_at && ms_since(cut) < 10000) rig.loop.run_for(5ms);
      if (rig.events.lost_at) lost_ms.push_back(ms_since(cut, *rig.events.lost_at));
      rig.loop.run_for(8s - std::chrono::milliseconds(static_cast<int>(ms_since(cut))));
      const auto back = Clock::now();
      sim.command("silent off");
      while (!rig.events.restored_at && ms_since(back) < 10000) rig.loop.run_for(5ms);
      if (rig.events.restored_at) restored_ms.push_back(ms_since(back, *rig.events.restored_at));
      rig.loop.run_for(50ms);
      // The restoring exchange carried the limit: the board outputs 16 A again.
      if (rig.events.last && rig.events.last->offered_a == 16) ++limit_ok;
    }
    rig.board->stop();
    print_distribution("link loss -> on_link_lost (1 Hz, 3 misses)", lost_ms, "");
    print_distribution("link restore -> limit applied (on_link_restored)", restored_ms, "");
    std::printf("%-44s %d of %d runs\n", "16 A offered again in the first sample", limit_ok, runs);
  }
  return 0;
}
