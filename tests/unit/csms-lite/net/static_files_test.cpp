// StaticFiles called directly: what is served, and everything that must not be.
#include <gtest/gtest.h>

#include "csms/net/static_files.hpp"
#include "net_test_support.hpp"

namespace csms::net {
namespace {

class StaticFilesTest : public ::testing::Test {
 protected:
  HttpResponse get(std::string target, std::string method = "GET") {
    HttpRequest request;
    request.method = std::move(method);
    request.target = std::move(target);
    return files_.handle(request);
  }

  std::optional<std::string> header(const HttpResponse& response, std::string_view name) {
    for (const auto& [key, value] : response.headers) {
      if (iequals(key, name)) return value;
    }
    return std::nullopt;
  }

  testing::WebRoot root_;
  StaticFiles files_{root_.path()};
};

TEST_F(StaticFilesTest, ServesIndexForRootAndDirectories) {
  const auto index = get("/");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.body, "<h1>csms-lite</h1>");
  EXPECT_EQ(index.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(header(index, "Cache-Control"), "no-cache");
  EXPECT_TRUE(header(index, "ETag"));
  EXPECT_EQ(get("/sub/").body, "sub index");

  const auto redirect = get("/sub");
  EXPECT_EQ(redirect.status, 301);
  EXPECT_EQ(header(redirect, "Location"), "/sub/");
}

TEST_F(StaticFilesTest, ContentTypesFollowTheExtension) {
  EXPECT_EQ(get("/app.js?v=3").content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(get("/style.css").content_type, "text/css; charset=utf-8");
  EXPECT_EQ(get("/logo.svg").content_type, "image/svg+xml");
  EXPECT_EQ(get("/data.json").content_type, "application/json");
  EXPECT_EQ(content_type_for("x.PNG"), "image/png");
  EXPECT_EQ(content_type_for("favicon.ico"), "image/x-icon");
  EXPECT_EQ(content_type_for("blob.bin"), "application/octet-stream");
}

TEST_F(StaticFilesTest, MissingFileIs404) {
  EXPECT_EQ(get("/nope.html").status, 404);
}

TEST_F(StaticFilesTest, TraversalAttemptsAreRefused) {
  for (const auto* target :
       {"/../secret.txt", "/sub/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt",
        "/sub/..%2fsecret.txt", "/.%2e/secret.txt", "//etc/passwd", "/..\\secret.txt", "secret.txt",
        "/./index.html", "http://host/index.html", "/%00index.html"}) {
    const auto response = get(target);
    EXPECT_TRUE(response.status == 400 || response.status == 404)
        << target << " -> " << response.status;
    EXPECT_EQ(response.body.find("TOP SECRET"), std::string::npos) << target;
  }
  EXPECT_EQ(get("/../secret.txt").status, 400);
  EXPECT_EQ(get("/%2e%2e/secret.txt").status, 400);
}

TEST_F(StaticFilesTest, DotFilesAndSymlinksOutOfTheRootAreNotServed) {
  EXPECT_EQ(get("/.env").status, 404);
  EXPECT_EQ(get("/leak.txt").status, 404);  // a symlink to ../secret.txt
}

TEST_F(StaticFilesTest, OnlyGetAndHead) {
  const auto post = get("/index.html", "POST");
  EXPECT_EQ(post.status, 405);
  EXPECT_EQ(header(post, "Allow"), "GET, HEAD");
  EXPECT_EQ(get("/index.html", "DELETE").status, 405);
  EXPECT_EQ(get("/index.html", "HEAD").status, 200);
}

TEST_F(StaticFilesTest, MatchingEtagGives304) {
  const auto first = get("/app.js");
  HttpRequest request;
  request.method = "GET";
  request.target = "/app.js";
  request.headers.emplace_back("if-none-match", *header(first, "ETag"));
  const auto second = files_.handle(request);
  EXPECT_EQ(second.status, 304);
  EXPECT_TRUE(second.body.empty());
}

}  // namespace
}  // namespace csms::net
