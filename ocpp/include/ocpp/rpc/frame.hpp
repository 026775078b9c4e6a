#pragma once
// OCPP-J 1.6 §4 framing: [2, id, action, payload] · [3, id, payload] · [4, id, code, description, details].
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include <nlohmann/json.hpp>

#include "ocpp/rpc/call_error.hpp"

namespace ocpp::rpc {

// OCPP-J 1.6 §4.1.2: the unique id is a string of at most 36 characters.
inline constexpr std::size_t k_max_message_id_length = 36;
// OCPP 1.6 payloads nest at most 6 levels deep (SetChargingProfile, frame included); anything much deeper
// is hostile, and would make the recursive parts of nlohmann::json (copy, dump, compare) overflow the stack.
inline constexpr std::size_t k_max_nesting_depth = 32;
// The id used to answer a frame whose own id cannot be read (the convention of other OCPP-J stacks).
inline constexpr std::string_view k_unknown_message_id = "-1";

struct Call {
  std::string message_id;
  std::string action;
  nlohmann::json payload;
};
struct CallResult {
  std::string message_id;
  nlohmann::json payload;
};
struct CallErrorMessage {
  std::string message_id;
  CallError error;
};
using Message = std::variant<Call, CallResult, CallErrorMessage>;

// Why a frame could not be read, and whether (and to which id) it must be answered. OCPP-J never answers
// a CALLRESULT or CALLERROR, so only frames that are, or may be, CALLs get a CALLERROR back.
struct ParseFailure {
  bool answer = true;
  std::string message_id{k_unknown_message_id};
  CallError error;
};

std::variant<Message, ParseFailure> parse_message(std::string_view text);

std::string serialize(const Call& call);
std::string serialize(const CallResult& result);
std::string serialize(const CallErrorMessage& error);

}  // namespace ocpp::rpc
