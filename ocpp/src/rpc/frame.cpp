#include "ocpp/rpc/frame.hpp"

#include <optional>

namespace ocpp::rpc {
namespace {

using nlohmann::json;

constexpr int k_call = 2;
constexpr int k_call_result = 3;
constexpr int k_call_error = 4;

// Never throws: a description that was cut inside a UTF-8 sequence is repaired, not fatal.
std::string dump(const json& value) { return value.dump(-1, ' ', false, json::error_handler_t::replace); }

ParseFailure formation(std::string description, std::string id = std::string(k_unknown_message_id),
                       bool answer = true) {
  return ParseFailure{answer, std::move(id), CallError{ErrorCode::FormationViolation, std::move(description), json::object()}};
}

// What the parser would let through but must not pass: nesting deeper than `limit` (exact for valid JSON;
// for invalid JSON the answer does not matter, the parser rejects it anyway), and NUL bytes, which nlohmann
// reads as the end of the input, so that `[2,…]\0garbage` would parse as the frame before the NUL.
std::optional<std::string> pre_scan(std::string_view text, std::size_t limit) {
  std::size_t depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\0') return "message contains a NUL byte";
    if (in_string) {
      if (c == '\\') {
        ++i;  // the escaped character cannot end the string (a NUL there is invalid JSON anyway)
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return "message nests deeper than " + std::to_string(limit) + " levels";
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return std::nullopt;
}

bool is_valid_id(const std::string& id) { return !id.empty() && id.size() <= k_max_message_id_length; }

}  // namespace

std::variant<Message, ParseFailure> parse_message(std::string_view text) {
  // nlohmann's parser is iterative, but copying, comparing and dumping a value recurse: a frame of a
  // million '[' would overflow the stack further on. Refuse such frames before building anything.
  if (auto problem = pre_scan(text, k_max_nesting_depth)) return formation(std::move(*problem));
  // No exceptions on the hot path: a peer may send anything.
  json frame = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (frame.is_discarded()) return formation("message is not valid JSON");
  if (!frame.is_array() || frame.empty()) return formation("message is not a JSON array");
  if (!frame[0].is_number_integer()) return formation("message type id is not an integer");
  const auto type = frame[0].get<std::int64_t>();
  if (type != k_call && type != k_call_result && type != k_call_error) {
    // Echo the id only when it is one: a peer must not make us send a megabyte-long "id" back.
    std::string id = frame.size() > 1 && frame[1].is_string() ? frame[1].get<std::string>() : std::string();
    if (!is_valid_id(id)) id = std::string(k_unknown_message_id);
    return formation("unknown message type id " + std::to_string(type), std::move(id));
  }
  const bool is_call = type == k_call;
  if (frame.size() < 2 || !frame[1].is_string()) return formation("message id is missing or not a string", std::string(k_unknown_message_id), is_call);
  std::string id = frame[1].get<std::string>();
  if (!is_valid_id(id)) {
    ParseFailure failure{is_call, std::string(k_unknown_message_id),
                         CallError{ErrorCode::ProtocolError, "message id must have 1 to 36 characters", json::object()}};
    return failure;
  }

  if (is_call) {
    if (frame.size() != 4) return formation("a CALL has 4 elements, this one has " + std::to_string(frame.size()), id);
    if (!frame[2].is_string()) return formation("action is not a string", id);
    if (!frame[3].is_object()) return formation("payload is not a JSON object", id);
    return Message{Call{std::move(id), frame[2].get<std::string>(), std::move(frame[3])}};
  }
  if (type == k_call_result) {
    if (frame.size() != 3) return formation("a CALLRESULT has 3 elements", id, false);
    if (!frame[2].is_object()) return formation("CALLRESULT payload is not a JSON object", id, false);
    return Message{CallResult{std::move(id), std::move(frame[2])}};
  }
  // CALLERROR. Be lenient with what we cannot fix anyway: a missing details element, or details that are
  // not an object, still resolve the call with the error the peer meant.
  if (frame.size() != 4 && frame.size() != 5) return formation("a CALLERROR has 5 elements", id, false);
  CallError error;
  error.code = frame[2].is_string() ? error_code_from_string(frame[2].get<std::string>()).value_or(ErrorCode::GenericError)
                                    : ErrorCode::GenericError;
  if (frame[3].is_string()) error.description = frame[3].get<std::string>();
  if (frame.size() == 5) {
    error.details = frame[4].is_object() ? std::move(frame[4]) : json{{"value", std::move(frame[4])}};
  }
  if (frame[2].is_string() && !error_code_from_string(frame[2].get<std::string>())) {
    error.details["receivedErrorCode"] = frame[2];
  }
  return Message{CallErrorMessage{std::move(id), std::move(error)}};
}

std::string serialize(const Call& call) {
  return dump(json::array({k_call, call.message_id, call.action, call.payload}));
}

std::string serialize(const CallResult& result) {
  return dump(json::array({k_call_result, result.message_id, result.payload}));
}

std::string serialize(const CallErrorMessage& message) {
  const auto& details = message.error.details.is_object() ? message.error.details : json::object();
  return dump(json::array({k_call_error, message.message_id, std::string(to_string(message.error.code)),
                           message.error.description, details}));
}

}  // namespace ocpp::rpc
