#include "hal/eo/spi_bridge_transport.hpp"

#include "hal/eo/linux_devices.hpp"

#include <optional>

namespace hal::eo {

namespace {

BridgeDevices open_linux_devices(const SpiBridgeSettings& settings) {
  BridgeDevices devices;
  auto spi = open_spidev(settings.spi_path);
  if (spi.error) {
    devices.error = spi.error;
    return devices;
  }
  devices.spi = std::move(spi.device);
  auto gpio = open_gpio_output(settings.gpio_chip_path, settings.reset_gpio);
  // The Hub has no bridge but the same pulse is harmless there; a missing GPIO is not fatal here
  // either: the bridge may still answer, and initialise() checks that.
  if (!gpio.error) devices.reset = std::move(gpio.line);
  return devices;
}

}  // namespace

SpiBridgeTransport::SpiBridgeTransport(Post post, SpiBridgeSettings settings, Opener opener)
    : post_(std::move(post)),
      settings_(std::move(settings)),
      opener_(opener ? std::move(opener) : Opener(open_linux_devices)) {}

SpiBridgeTransport::~SpiBridgeTransport() {
  close();
}

std::error_code SpiBridgeTransport::open(TransportCallbacks callbacks) {
  close();
  auto devices = opener_(settings_);
  if (devices.error) return devices.error;
  if (!devices.spi) return std::make_error_code(std::errc::no_such_device);
  if (devices.reset) {
    // Notes §1: GPIO16 low for 1 ms resets the bridge into a known state.
    if (auto error = devices.reset->set(false)) return error;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    if (auto error = devices.reset->set(true)) return error;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  auto bridge = std::make_unique<Sc16is7xx>(*devices.spi);
  if (auto error = bridge->initialise()) return error;
  devices_ = std::move(devices);
  bridge_ = std::move(bridge);
  callbacks_ = std::move(callbacks);
  open_ = true;
  quit_ = false;
  worker_generation_ = *generation_;
  worker_ = std::thread([this] { worker_loop(); });
  return {};
}

void SpiBridgeTransport::close() {
  ++*generation_;
  open_ = false;
  {
    const std::lock_guard lock(mutex_);
    quit_ = true;
    jobs_.clear();
  }
  wake_.notify_all();
  // At most one exchange (≤ receive_window) is waited for.
  if (worker_.joinable()) worker_.join();
  bridge_.reset();
  devices_ = {};
}

void SpiBridgeTransport::write(std::string bytes) {
  if (!open_) return;
  {
    const std::lock_guard lock(mutex_);
    jobs_.push_back(std::move(bytes));
  }
  wake_.notify_one();
}

std::size_t SpiBridgeTransport::overruns() const {
  return overruns_.load();
}

void SpiBridgeTransport::worker_loop() {
  for (;;) {
    std::string job;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return quit_ || !jobs_.empty(); });
      if (quit_) return;
      job = std::move(jobs_.front());
      jobs_.pop_front();
    }
    exchange(job, worker_generation_);
  }
}

void SpiBridgeTransport::exchange(const std::string& bytes, unsigned generation) {
  const auto fail = [this, generation](std::error_code error) {
    quit_ = true;
    deliver(generation, [this, error](TransportCallbacks& callbacks) {
      open_ = false;
      if (callbacks.on_error) callbacks.on_error(error);
    });
  };
  if (auto error = bridge_->transmit(bytes)) return fail(error);
  using clock = std::chrono::steady_clock;
  const auto window_end = clock::now() + settings_.receive_window;
  std::optional<clock::time_point> last_byte;
  std::string received;
  while (!quit_) {
    const auto now = clock::now();
    if (now >= window_end || (last_byte && now - *last_byte >= settings_.idle_gap)) break;
    std::string chunk;
    if (auto error = bridge_->poll_receive(chunk)) return fail(error);
    overruns_ = bridge_->counters().overruns;
    if (!chunk.empty()) {
      last_byte = clock::now();
      // Delivered chunk by chunk: the driver ends its read on the terminator, not on this window.
      deliver(generation, [chunk = std::move(chunk)](TransportCallbacks& callbacks) {
        if (callbacks.on_bytes) callbacks.on_bytes(chunk);
      });
      continue;  // more may be waiting already: look again at once
    }
    std::this_thread::sleep_for(settings_.poll_interval);
  }
}

void SpiBridgeTransport::deliver(unsigned generation, std::function<void(TransportCallbacks&)> fn) {
  post_([this, generation, current = generation_, fn = std::move(fn)] {
    // A close() (or the destructor) since the bytes were read makes them stale: drop them.
    if (*current != generation) return;
    fn(callbacks_);
  });
}

}  // namespace hal::eo
