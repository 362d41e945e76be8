// The web client as the real server serves it: the page with its security policy, the assets of its
// version cached for a year, revalidation, and the development folder read on every request.
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "support/ServerProcess.hpp"
#include "support/TestDatabases.hpp"
#include "web/ContentTypes.hpp"
#include "web/WebRoutes.hpp"

namespace ocomms::test {
namespace {

struct AssetLink {
    std::string version;
    std::string path;
};

/// Every `/assets/<version>/<path>` the page links.
std::vector<AssetLink> assetLinks(const std::string& page) {
    static const std::regex kLink(R"(/assets/([0-9a-f]{16})/([^"'\s>]+))");
    std::vector<AssetLink> links;
    for (auto it = std::sregex_iterator(page.begin(), page.end(), kLink); it != std::sregex_iterator(); ++it)
        links.push_back({(*it)[1], (*it)[2]});
    return links;
}

ServerOptions chatServer(const TestDatabase& database, const std::string& chatSettings = "") {
    ServerOptions options;
    options.databaseUrl = database.url();
    options.pluginsYaml = "  - name: health\n  - name: chat\n";
    if (!chatSettings.empty()) options.pluginsYaml += "    settings:\n" + chatSettings;
    return options;
}

class WebClientServing : public ::testing::Test {
protected:
    const TestDatabase database = TestDatabase::sqlite();
};

TEST_F(WebClientServing, ThePageCarriesItsSecurityPolicyAndLinksTheAssetsOfItsVersion) {
    ServerProcess server(chatServer(database));
    server.start();
    const auto page = server.get("/");
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_EQ(page.headers.at("content-type"), "text/html; charset=utf-8");
    EXPECT_EQ(page.headers.at("content-security-policy"), chat::web::kContentSecurityPolicy);
    EXPECT_EQ(page.headers.at("cache-control"), "no-cache");
    EXPECT_EQ(page.headers.at("x-content-type-options"), "nosniff");
    EXPECT_EQ(page.headers.at("x-frame-options"), "DENY");
    EXPECT_EQ(page.headers.at("referrer-policy"), "no-referrer");
    EXPECT_FALSE(page.headers.at("etag").empty());
    EXPECT_EQ(page.body.find("%ASSETS%"), std::string::npos);

    const auto links = assetLinks(page.body);
    ASSERT_FALSE(links.empty()) << page.body;
    for (const auto& link : links) {
        EXPECT_EQ(link.version, links.front().version) << "one version per page";
        const auto asset = server.get("/assets/" + link.version + "/" + link.path);
        ASSERT_EQ(asset.status, 200) << link.path;
        EXPECT_EQ(asset.headers.at("content-type"), chat::web::contentTypeOf(link.path).value()) << link.path;
        EXPECT_EQ(asset.headers.at("cache-control"), "public, max-age=31536000, immutable") << link.path;
        EXPECT_EQ(asset.headers.at("x-content-type-options"), "nosniff") << link.path;
        EXPECT_FALSE(asset.body.empty()) << link.path;
    }
}

TEST_F(WebClientServing, ARevalidationWithTheSameEntityTagIsAnsweredNotModified) {
    ServerProcess server(chatServer(database));
    server.start();
    const auto page = server.get("/");
    ASSERT_EQ(page.status, 200);
    const auto again = httpRequest(server.port(), "GET", "/", "", {{"If-None-Match", page.headers.at("etag")}});
    EXPECT_EQ(again.status, 304);
    EXPECT_TRUE(again.body.empty());
    EXPECT_EQ(again.headers.at("etag"), page.headers.at("etag"));
    const auto stale = httpRequest(server.port(), "GET", "/", "", {{"If-None-Match", "\"0000000000000000\""}});
    EXPECT_EQ(stale.status, 200);

    const auto link = assetLinks(page.body).at(0);
    const auto assetPath = "/assets/" + link.version + "/" + link.path;
    const auto asset = server.get(assetPath);
    const auto weak = httpRequest(server.port(), "GET", assetPath, "",
                                  {{"If-None-Match", "\"x\", W/" + asset.headers.at("etag")}});
    EXPECT_EQ(weak.status, 304);
}

TEST_F(WebClientServing, AnAssetOfAnotherVersionOrNoneAtAllIsNotFound) {
    ServerProcess server(chatServer(database));
    server.start();
    const auto link = assetLinks(server.get("/").body).at(0);
    EXPECT_EQ(server.get("/assets/0123456789abcdef/" + link.path).status, 404);
    EXPECT_EQ(server.get("/assets/" + link.version + "/no-such-file.js").status, 404);
    EXPECT_EQ(server.get("/assets/" + link.version + "/index.html").status, 404) << "the page lives at / only";
}

TEST_F(WebClientServing, WithTheWebClientOffOnlyTheApiIsServed) {
    ServerProcess server(chatServer(database, "      web_client: false\n"));
    server.start();
    EXPECT_EQ(server.get("/").status, 404);
    EXPECT_EQ(server.get("/api/instance").status, 200);
}

TEST_F(WebClientServing, ADevelopmentFolderIsReadAgainOnEveryRequest) {
    TempDir web;
    std::ofstream(web.path() / "index.html") << "<script type=\"module\" src=\"%ASSETS%/app.js\"></script>";
    std::ofstream(web.path() / "app.js") << "export const version = 1;";
    ServerProcess server(chatServer(database, "      web_dir: \"" + web.path().string() + "\"\n"));
    server.start();

    const auto first = assetLinks(server.get("/").body).at(0);
    const auto asset = server.get("/assets/" + first.version + "/app.js");
    ASSERT_EQ(asset.status, 200);
    EXPECT_EQ(asset.body, "export const version = 1;");
    EXPECT_EQ(asset.headers.at("cache-control"), "no-cache") << "files being edited are never cached for long";

    std::ofstream(web.path() / "app.js") << "export const version = 2;";
    const auto second = assetLinks(server.get("/").body).at(0);
    EXPECT_NE(second.version, first.version);
    EXPECT_EQ(server.get("/assets/" + second.version + "/app.js").body, "export const version = 2;");
    EXPECT_EQ(server.get("/assets/" + first.version + "/app.js").body, "export const version = 2;")
        << "a page loaded before the edit still gets its modules";
}

TEST_F(WebClientServing, ARelativeOrMissingDevelopmentFolderIsRefusedNamingTheSetting) {
    TempDir dir;
    const auto config = dir.path() / "ocomms.yaml";
    std::ofstream(config) << "database:\n  url: \"" << database.url() << "\"\nplugins:\n  - name: chat\n"
                          << "    settings:\n      web_dir: web\n";
    const auto relative = runOcomms({"config", "check", "--config", config.string()});
    EXPECT_NE(relative.exitCode, 0);
    EXPECT_NE(relative.output.find("plugins[0].settings.web_dir: must be an absolute path (got \"web\")"),
              std::string::npos)
        << relative.output;

    ServerProcess server(chatServer(database, "      web_dir: \"" + (dir.path() / "absent").string() + "\"\n"));
    try {
        server.start();
        ADD_FAILURE() << "the server started without its web folder";
    } catch (const std::exception& e) {
        EXPECT_NE(std::string(e.what()).find("web client folder " + (dir.path() / "absent").string() +
                                             " does not exist"),
                  std::string::npos)
            << e.what();
    }
}

}  // namespace
}  // namespace ocomms::test
