#include "common/event_loop.hpp"

#include <csignal>
#include <optional>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <spdlog/spdlog.h>

namespace common {
namespace asio = boost::asio;

namespace {

class AsioTimer final : public Timer {
 public:
  explicit AsioTimer(asio::io_context& context) : timer_(context) {}
  ~AsioTimer() override {
    *alive_ = false;
    timer_.cancel();
  }

  void start(std::chrono::milliseconds after, std::function<void()> fn) override {
    // The generation makes a wait that was cancelled but already queued harmless: it sees a newer
    // generation and does nothing.
    const auto generation = ++generation_;
    armed_ = true;
    timer_.expires_after(after);
    timer_.async_wait([this, generation, fn = std::move(fn), alive = alive_](const boost::system::error_code& ec) {
      if (ec || !*alive || generation != generation_) return;
      armed_ = false;
      fn();
    });
  }

  void cancel() override {
    ++generation_;
    armed_ = false;
    timer_.cancel();
  }

  bool armed() const override { return armed_; }

 private:
  asio::steady_timer timer_;
  std::uint64_t generation_ = 0;
  bool armed_ = false;
  // Handlers outlive a destroyed timer only until the loop runs them; they check this first.
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace

struct EventLoop::Impl {
  asio::io_context context{1};  // one thread: tell Asio so it can skip locking
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> guard;
  std::vector<std::unique_ptr<asio::signal_set>> signal_sets;
  std::unique_ptr<Timer> stop_timer;
  std::vector<std::shared_ptr<std::function<void(const boost::system::error_code&, int)>>> signal_handlers;
};

EventLoop::EventLoop() : impl_(std::make_unique<Impl>()) {}
EventLoop::~EventLoop() = default;

void EventLoop::post(std::function<void()> fn) { asio::post(impl_->context, std::move(fn)); }

std::unique_ptr<Timer> EventLoop::make_timer() { return std::make_unique<AsioTimer>(impl_->context); }

void EventLoop::on_signals(std::initializer_list<int> signals, std::function<void(int)> fn) {
  auto set = std::make_unique<asio::signal_set>(impl_->context);
  for (const int signal : signals) set->add(signal);
  auto* raw = set.get();
  // Re-arm after each signal so a second Ctrl-C is seen too.
  auto handler = std::make_shared<std::function<void(const boost::system::error_code&, int)>>();
  *handler = [raw, fn = std::move(fn), handler_weak = std::weak_ptr(handler)](const boost::system::error_code& ec,
                                                                            int signal) {
    if (ec) return;
    fn(signal);
    if (auto self = handler_weak.lock()) raw->async_wait(*self);
  };
  raw->async_wait(*handler);
  impl_->signal_sets.push_back(std::move(set));
  impl_->signal_handlers.push_back(std::move(handler));
}

void EventLoop::run() {
  impl_->guard.emplace(impl_->context.get_executor());
  impl_->context.restart();
  impl_->context.run();
}

void EventLoop::run_for(std::chrono::milliseconds duration) {
  impl_->context.restart();
  impl_->context.run_for(duration);
}

void EventLoop::stop() {
  impl_->guard.reset();
  impl_->context.stop();
}

void EventLoop::stop_after(std::chrono::milliseconds grace) {
  if (!impl_->stop_timer) impl_->stop_timer = make_timer();
  impl_->stop_timer->start(grace, [this] { stop(); });
}

void EventLoop::run_until_signalled(std::function<void()> on_stop, std::chrono::milliseconds grace) {
  on_signals({SIGINT, SIGTERM}, [this, on_stop = std::move(on_stop), grace](int signal) {
    spdlog::info("signal {}: stopping", signal);
    on_stop();
    stop_after(grace);
  });
  run();
  spdlog::info("stopped");
}

asio::io_context& EventLoop::context() { return impl_->context; }

}  // namespace common
