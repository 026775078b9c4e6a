#include <gtest/gtest.h>

#include "api/status_api.hpp"

namespace {

using namespace csms;

class FakeFiles final : public net::HttpHandler {
 public:
  net::HttpResponse handle(const net::HttpRequest& request) override {
    last_target = request.target;
    return net::HttpResponse{200, "text/html", {}, "page"};
  }
  std::string last_target;
};

net::HttpRequest get(std::string target) {
  net::HttpRequest request;
  request.method = "GET";
  request.target = std::move(target);
  return request;
}

TEST(StatusApi, ListsAndFindsChargePointsByPercentEncodedId) {
  ChargePointRegistry registry(UnknownChargePoints::Register);
  registry.add("EO Box", std::nullopt);
  FakeFiles files;
  StatusApi api(registry, files);

  const auto list = api.handle(get("/api/v1/charge-points"));
  EXPECT_EQ(list.status, 200);
  EXPECT_EQ(list.content_type, "application/json");
  EXPECT_EQ(nlohmann::json::parse(list.body).at("chargePoints").at(0).at("id"), "EO Box");

  const auto one = api.handle(get("/api/v1/charge-points/EO%20Box?x=1"));
  EXPECT_EQ(one.status, 200);
  EXPECT_EQ(nlohmann::json::parse(one.body).at("connected"), false);
}

TEST(StatusApi, ErrorsAreJsonWithTheRightCode) {
  ChargePointRegistry registry(UnknownChargePoints::Register);
  FakeFiles files;
  StatusApi api(registry, files);
  EXPECT_EQ(api.handle(get("/api/v1/charge-points/nobody")).status, 404);
  EXPECT_EQ(api.handle(get("/api/v1/charge-points/bad%2")).status, 400);
  EXPECT_EQ(api.handle(get("/api/v1/nothing")).status, 404);
  auto post = get("/api/v1/charge-points");
  post.method = "POST";
  const auto refused = api.handle(post);
  EXPECT_EQ(refused.status, 405);
  EXPECT_TRUE(nlohmann::json::parse(refused.body).contains("error"));
}

TEST(StatusApi, EverythingElseGoesToTheWebUi) {
  ChargePointRegistry registry(UnknownChargePoints::Register);
  FakeFiles files;
  StatusApi api(registry, files);
  EXPECT_EQ(api.handle(get("/index.html")).body, "page");
  EXPECT_EQ(files.last_target, "/index.html");
}

}  // namespace
