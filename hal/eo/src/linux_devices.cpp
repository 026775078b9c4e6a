#include "hal/eo/linux_devices.hpp"

#include <fcntl.h>
#include <linux/gpio.h>
#include <linux/spi/spidev.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "common/unique_fd.hpp"

namespace hal::eo {

namespace {

std::error_code last_error() {
  return std::error_code(errno, std::system_category());
}

using Fd = common::UniqueFd;

class SpidevDevice final : public SpiDevice {
 public:
  SpidevDevice(int fd, unsigned speed_hz) : fd_(fd), speed_hz_(speed_hz) {}
  std::error_code transfer(std::span<const std::uint8_t> tx, std::span<std::uint8_t> rx) override {
    if (rx.size() != tx.size()) return std::make_error_code(std::errc::invalid_argument);
    spi_ioc_transfer message{};
    message.tx_buf = reinterpret_cast<std::uintptr_t>(tx.data());
    message.rx_buf = reinterpret_cast<std::uintptr_t>(rx.data());
    message.len = static_cast<std::uint32_t>(tx.size());
    message.speed_hz = speed_hz_;
    message.bits_per_word = 8;
    if (::ioctl(fd_.get(), SPI_IOC_MESSAGE(1), &message) < 0) return last_error();
    return {};
  }

 private:
  Fd fd_;
  unsigned speed_hz_;
};

class GpioChardevLine final : public GpioLine {
 public:
  explicit GpioChardevLine(int fd) : fd_(fd) {}
  std::error_code set(bool high) override {
    gpio_v2_line_values values{};
    values.mask = 1;
    values.bits = high ? 1 : 0;
    if (::ioctl(fd_.get(), GPIO_V2_LINE_SET_VALUES_IOCTL, &values) < 0) return last_error();
    return {};
  }

 private:
  Fd fd_;
};

}  // namespace

SpiOpenResult open_spidev(const std::string& path, unsigned speed_hz, unsigned mode) {
  const int fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
  if (fd < 0) return {nullptr, last_error()};
  auto device = std::make_unique<SpidevDevice>(fd, speed_hz);
  std::uint8_t spi_mode = static_cast<std::uint8_t>(mode);
  std::uint8_t bits = 8;
  std::uint32_t speed = speed_hz;
  if (::ioctl(fd, SPI_IOC_WR_MODE, &spi_mode) < 0 ||
      ::ioctl(fd, SPI_IOC_WR_BITS_PER_WORD, &bits) < 0 ||
      ::ioctl(fd, SPI_IOC_WR_MAX_SPEED_HZ, &speed) < 0)
    return {nullptr, last_error()};
  return {std::move(device), {}};
}

GpioOpenResult open_gpio_output(const std::string& chip_path, unsigned offset, bool initial_high,
                                const std::string& consumer) {
  const Fd chip(::open(chip_path.c_str(), O_RDWR | O_CLOEXEC));
  if (chip.get() < 0) return {nullptr, last_error()};
  gpio_v2_line_request request{};
  request.offsets[0] = offset;
  request.num_lines = 1;
  std::strncpy(request.consumer, consumer.c_str(), sizeof(request.consumer) - 1);
  request.config.flags = GPIO_V2_LINE_FLAG_OUTPUT;
  request.config.num_attrs = 1;
  request.config.attrs[0].attr.id = GPIO_V2_LINE_ATTR_ID_OUTPUT_VALUES;
  request.config.attrs[0].attr.values = initial_high ? 1 : 0;
  request.config.attrs[0].mask = 1;
  if (::ioctl(chip.get(), GPIO_V2_GET_LINE_IOCTL, &request) < 0) return {nullptr, last_error()};
  return {std::make_unique<GpioChardevLine>(request.fd), {}};
}

}  // namespace hal::eo
