#pragma once
// The official OCPP 1.6J schema texts, embedded at build time by cmake/OcppSchemas.cmake.
#include <span>
#include <string_view>

namespace ocpp::schema {

struct EmbeddedSchema {
  std::string_view name;  // file name without `.json`: `BootNotification`, `BootNotificationResponse`
  std::string_view text;
};

std::span<const EmbeddedSchema> embedded_schemas();

}  // namespace ocpp::schema
