#pragma once
// The OCPP 1.6J schemas of all 39 actions, parsed once, with the OCPP-J errata applied in code.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "ocpp/schema/validator.hpp"

namespace ocpp::schema {

enum class MessageKind { Request, Response };
enum class Initiator { ChargePoint, CentralSystem, Either };

class Registry {
 public:
  // Immutable after construction; shared by every session of the process.
  static const Registry& instance();

  bool knows(std::string_view action) const;
  std::optional<Initiator> initiator(std::string_view action) const;
  const nlohmann::json* find(std::string_view action, MessageKind kind) const;
  std::vector<std::string> actions() const;

  // Validates a payload of `action`; an unknown action is a NotImplemented error.
  std::optional<ValidationError> validate(std::string_view action, MessageKind kind,
                                          const nlohmann::json& payload) const;

 private:
  Registry();
  struct Entry {
    nlohmann::json request;
    nlohmann::json response;
  };
  std::map<std::string, Entry, std::less<>> entries_;
};

// Applies the OCPP-J 1.6 errata to a freshly parsed schema, and restores the official constraints that the
// npm copy we build from has loosened (docs/validation.md lists both; exposed for tests). Throws std::logic_error
// when a schema does not have the shape the erratum expects: the schema package is pinned, so that means
// our assumption is wrong and must be looked at.
void apply_errata(const std::string& name, nlohmann::json& schema);

}  // namespace ocpp::schema
