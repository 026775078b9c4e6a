#include <array>

#include "api/json_views.hpp"
#include "api/routes.hpp"

namespace csms::api {
namespace {

// OCPP 1.6 §7.7 AuthorizationStatus (ConcurrentTx is an answer, not a stored state).
constexpr std::array<std::string_view, 4> tag_statuses = {"Accepted", "Blocked", "Expired",
                                                          "Invalid"};
constexpr std::size_t max_id_tag = 20;  // OCPP 1.6 IdToken: CiString20Type

template <class T>
net::HttpResponse page_response(const PageOf<T>& page, const Page& asked) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& item : page.items) items.push_back(to_json(item));
  return json_response(
      200,
      {{"items", items}, {"total", page.total}, {"offset", asked.offset}, {"limit", asked.limit}});
}

void check_id_tag(const std::string& id_tag, const std::string& field) {
  if (id_tag.empty() || id_tag.size() > max_id_tag) {
    throw ApiError(422, "\"" + field + "\" must be 1 to 20 characters (OCPP 1.6 IdToken)", field);
  }
}

// The body of POST /api/idtags (with idTag) or PUT /api/idtags/{idTag} (without).
IdTag id_tag_from(const nlohmann::json& body, std::optional<std::string> from_path) {
  const Fields fields(body);
  fields.only({"idTag", "status", "expiry", "parentIdTag", "note"});
  IdTag tag;
  if (from_path) {
    tag.id_tag = std::move(*from_path);
    check_id_tag(tag.id_tag, "idTag");
    if (const auto in_body = fields.optional_string("idTag", max_id_tag);
        in_body && *in_body != tag.id_tag) {
      throw ApiError(422, "\"idTag\" in the body differs from the one in the path", "idTag");
    }
  } else {
    tag.id_tag = fields.required_string("idTag", 1, max_id_tag);
  }
  tag.status = fields.optional_string("status", 20).value_or("Accepted");
  bool known = false;
  for (const auto status : tag_statuses) known = known || status == tag.status;
  if (!known) {
    throw ApiError(422, "\"status\" must be Accepted, Blocked, Expired or Invalid", "status");
  }
  tag.expiry = fields.optional_time("expiry");
  tag.parent_id_tag = fields.optional_string("parentIdTag", max_id_tag);
  if (tag.parent_id_tag) check_id_tag(*tag.parent_id_tag, "parentIdTag");
  tag.note = fields.optional_string("note", 200);
  return tag;
}

}  // namespace

void add_data_routes(Router& router, CentralSystemPort& port, std::size_t max_body_bytes) {
  router.add("GET", "/api/transactions", Access::User, [&port](ApiRequest& request) {
    TransactionFilter filter;
    filter.charger_id = request.query.text("charger", 48);
    filter.id_tag = request.query.text("idTag", max_id_tag);
    filter.from = request.query.time("from");
    filter.to = request.query.time("to");
    filter.active = request.query.boolean("active");
    filter.page = request.query.page();
    return page_response(value_or_throw(port.transactions(filter)), filter.page);
  });

  router.add("GET", "/api/audit", Access::User, [&port](ApiRequest& request) {
    AuditFilter filter;
    filter.charger_id = request.query.text("charger", 48);
    filter.kind = request.query.text("kind", 40);
    filter.from = request.query.time("from");
    filter.to = request.query.time("to");
    filter.page = request.query.page();
    return page_response(value_or_throw(port.audit(filter)), filter.page);
  });

  router.add("GET", "/api/idtags", Access::User, [&port](ApiRequest&) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& tag : value_or_throw(port.id_tags())) items.push_back(to_json(tag));
    return json_response(200, {{"items", items}});
  });
  router.add("POST", "/api/idtags", Access::User, [&port, max_body_bytes](ApiRequest& request) {
    const auto tag = id_tag_from(json_body(request.http, max_body_bytes), std::nullopt);
    if (std::holds_alternative<IdTag>(port.id_tag(tag.id_tag))) {
      throw ApiError(409,
                     "id tag \"" + tag.id_tag + "\" exists; PUT /api/idtags/{idTag} replaces it",
                     "idTag");
    }
    value_or_throw(port.put_id_tag(tag, request.actor()));
    auto response = json_response(201, to_json(tag));
    response.headers.emplace_back("Location", "/api/idtags/" + tag.id_tag);
    return response;
  });
  router.add("GET", "/api/idtags/{idTag}", Access::User, [&port](ApiRequest& request) {
    return json_response(200, to_json(value_or_throw(port.id_tag(request.param("idTag")))));
  });
  router.add("PUT", "/api/idtags/{idTag}", Access::User,
             [&port, max_body_bytes](ApiRequest& request) {
               const auto tag =
                   id_tag_from(json_body(request.http, max_body_bytes), request.param("idTag"));
               const bool created = value_or_throw(port.put_id_tag(tag, request.actor()));
               return json_response(created ? 201 : 200, to_json(tag));
             });
  router.add("DELETE", "/api/idtags/{idTag}", Access::User, [&port](ApiRequest& request) {
    throw_if_error(port.erase_id_tag(request.param("idTag"), request.actor()));
    return no_content();
  });

  router.add("GET", "/api/settings", Access::User,
             [&port](ApiRequest&) { return json_response(200, port.settings()); });
  router.add("PUT", "/api/settings", Access::User, [&port, max_body_bytes](ApiRequest& request) {
    const auto changes = json_body(request.http, max_body_bytes);
    return json_response(200, value_or_throw(port.update_settings(changes, request.actor())));
  });
}

}  // namespace csms::api
