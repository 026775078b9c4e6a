// GET/PUT/DELETE /api/schedules, GET/PUT /api/tariffs, GET /api/transactions.csv.
#include <limits>

#include "api/api_error.hpp"
#include "api/json_views.hpp"
#include "api/request_parsing.hpp"
#include "api/routes.hpp"

namespace csms::api {

void add_plan_routes(Router& router, CentralSystemPort& port, std::size_t max_body_bytes) {
  router.add("GET", "/api/schedules", Access::User, [&port](ApiRequest& request) {
    return json_response(200, value_or_throw(port.schedule(request.query.text("charger", 48))));
  });
  router.add("PUT", "/api/schedules", Access::User, [&port, max_body_bytes](ApiRequest& request) {
    const auto plan = json_body(request.http, max_body_bytes);
    return json_response(200, value_or_throw(port.put_schedule(request.query.text("charger", 48),
                                                               plan, request.actor())));
  });
  router.add("DELETE", "/api/schedules", Access::User, [&port](ApiRequest& request) {
    throw_if_error(port.erase_schedule(request.query.text("charger", 48), request.actor()));
    return no_content();
  });

  router.add("GET", "/api/tariffs", Access::User,
             [&port](ApiRequest&) { return json_response(200, value_or_throw(port.tariff())); });
  router.add("PUT", "/api/tariffs", Access::User, [&port, max_body_bytes](ApiRequest& request) {
    const auto tariff = json_body(request.http, max_body_bytes);
    return json_response(200, value_or_throw(port.put_tariff(tariff, request.actor())));
  });

  router.add("GET", "/api/transactions.csv", Access::User, [&port](ApiRequest& request) {
    TransactionFilter filter;
    filter.charger_id = request.query.text("charger", 48);
    filter.id_tag = request.query.text("idTag", 20);
    filter.from = request.query.time("from");
    filter.to = request.query.time("to");
    filter.active = request.query.boolean("active");
    filter.page = {0, std::numeric_limits<std::size_t>::max()};
    net::HttpResponse response;
    response.status = 200;
    response.content_type = "text/csv; charset=utf-8";
    response.headers.emplace_back("Cache-Control", "no-store");
    response.headers.emplace_back("Content-Disposition", "attachment; filename=\"sessions.csv\"");
    response.body = value_or_throw(port.transactions_csv(filter));
    return response;
  });
}

}  // namespace csms::api
