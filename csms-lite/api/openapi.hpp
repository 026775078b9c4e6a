#pragma once
// The hand-written OpenAPI 3.0 description of the API (csms-lite/api/openapi.json), compiled in so
// the daemon serves it without a file next to it. The build generates the definition from the file.
#include <string_view>

namespace csms::api {

std::string_view openapi_document();

}  // namespace csms::api
