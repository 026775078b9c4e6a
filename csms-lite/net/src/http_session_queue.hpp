#pragma once
// The bytes a streamed response has queued but not yet written, with a budget: a client that reads
// slower than events arrive is dropped instead of growing the daemon's memory (a Pi has little).
// No Asio here, so the unit tests reach it directly.
#include <cstddef>
#include <deque>
#include <string>
#include <utility>

namespace csms::net::detail {

class BoundedByteQueue {
 public:
  explicit BoundedByteQueue(std::size_t max_bytes) : max_bytes_(max_bytes) {}

  // false (and nothing queued) when the bytes would take the queue over its budget. The chunk being
  // written counts until pop(): it is still held in memory.
  bool push(std::string bytes) {
    if (bytes.size() > max_bytes_ - queued_bytes_) return false;
    queued_bytes_ += bytes.size();
    chunks_.push_back(std::move(bytes));
    return true;
  }
  bool empty() const { return chunks_.empty(); }
  const std::string& front() const { return chunks_.front(); }
  void pop() {
    queued_bytes_ -= chunks_.front().size();
    chunks_.pop_front();
  }
  std::size_t queued_bytes() const { return queued_bytes_; }
  std::size_t max_bytes() const { return max_bytes_; }

 private:
  std::size_t max_bytes_;
  std::size_t queued_bytes_ = 0;
  std::deque<std::string> chunks_;
};

}  // namespace csms::net::detail
