// libFuzzer target for the EO board's reply path: bytes → ReplyFramer → parse_status /
// parse_address_reply, in both checksum modes. Beyond "no crash" (ASan, UBSan) it aborts when a
// parsed status block does not survive encode → parse unchanged, or when strict mode accepts what
// lenient mode flagged.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "hal/eo/codec.hpp"
#include "hal/eo/framer.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  hal::eo::ReplyFramer framer;
  // Fed in two pieces, as a transport delivers them, split where the first byte says.
  const std::size_t split = size == 0 ? 0 : data[0] % (size + 1);
  auto replies = framer.feed(bytes.substr(0, split));
  for (auto& reply : framer.feed(bytes.substr(split))) replies.push_back(std::move(reply));
  // The framer itself is also run on the whole input as one frame candidate.
  replies.push_back({std::string(bytes), std::nullopt});
  for (const auto& reply : replies) {
    if (reply.error) continue;
    const auto lenient = hal::eo::parse_status(reply.frame, false);
    const auto strict = hal::eo::parse_status(reply.frame, true);
    if (strict.ok() && (!lenient.ok() || !lenient.value().checksum_ok)) std::abort();
    if (lenient.ok()) {
      const auto again = hal::eo::parse_status(hal::eo::encode_status(lenient.value()), true);
      if (!again.ok() || again.value().state_id != lenient.value().state_id ||
          again.value().p1_deciamps != lenient.value().p1_deciamps ||
          again.value().persistent_id != lenient.value().persistent_id)
        std::abort();
      (void)hal::eo::interpret_state(lenient.value().state_id, true);
    }
    (void)hal::eo::parse_address_reply(reply.frame, false);
  }
  return 0;
}
