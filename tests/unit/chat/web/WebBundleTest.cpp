// The web client bundle: the page points at a version that changes with any file, every file has a
// content type, and what the build leaves out stays out.
#include <filesystem>
#include <fstream>
#include <map>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

#include "support/ErrorMessage.hpp"
#include "support/ServerProcess.hpp"
#include "web/ContentTypes.hpp"
#include "web/WebBundle.hpp"

namespace ocomms::chat::web {
namespace {

using test::errorMessageOf;

const std::map<std::string, std::string> kFiles = {
    {"index.html", "<script type=\"module\" src=\"%ASSETS%/app.js\"></script><link href=\"%ASSETS%/app.css\">"},
    {"app.js", "import './views/list.js';"},
    {"app.css", "body{}"},
    {"views/list.js", "export {};"}};

TEST(WebBundle, ThePagePointsAtTheAssetsOfItsVersion) {
    const WebBundle bundle(kFiles);
    ASSERT_EQ(bundle.version().size(), 16u);
    const auto& page = bundle.page();
    EXPECT_EQ(page.body, "<script type=\"module\" src=\"/assets/" + bundle.version() + "/app.js\"></script><link href=\"/assets/" +
                             bundle.version() + "/app.css\">");
    EXPECT_EQ(page.contentType, "text/html; charset=utf-8");
    EXPECT_EQ(bundle.assetPaths(), (std::vector<std::string>{"app.css", "app.js", "views/list.js"}));
    ASSERT_NE(bundle.asset("views/list.js"), nullptr);
    EXPECT_EQ(bundle.asset("views/list.js")->contentType, "text/javascript; charset=utf-8");
    EXPECT_EQ(bundle.asset("index.html"), nullptr) << "the page is served at / only";
    EXPECT_EQ(bundle.asset("missing.js"), nullptr);
}

TEST(WebBundle, AnyChangedFileGivesANewVersionAndOnlyItsOwnEntityTagChanges) {
    const WebBundle before(kFiles);
    auto changed = kFiles;
    changed["views/list.js"] = "export const x = 1;";
    const WebBundle after(changed);
    EXPECT_NE(before.version(), after.version());
    EXPECT_NE(before.page().etag, after.page().etag) << "the page names the new version";
    EXPECT_NE(before.asset("views/list.js")->etag, after.asset("views/list.js")->etag);
    EXPECT_EQ(before.asset("app.js")->etag, after.asset("app.js")->etag);
    EXPECT_EQ(WebBundle(kFiles).version(), before.version()) << "the same files give the same version";

    auto renamed = kFiles;
    renamed.erase("app.css");
    renamed["main.css"] = "body{}";
    EXPECT_NE(WebBundle(renamed).version(), before.version());
}

TEST(WebBundle, AFileOfUnknownTypeOrAMissingPageIsRefusedByName) {
    auto unknown = kFiles;
    unknown["tools/build.sh"] = "#!/bin/sh";
    EXPECT_EQ(errorMessageOf<std::runtime_error>([&] { WebBundle{unknown}; }),
              "web client file 'tools/build.sh': no content type for its extension");
    auto noPage = kFiles;
    noPage.erase("index.html");
    EXPECT_EQ(errorMessageOf<std::runtime_error>([&] { WebBundle{noPage}; }), "web client: no index.html");
}

TEST(WebBundle, AFolderIsReadWithoutDotFilesAndNotes) {
    test::TempDir dir;
    for (const auto& [path, bytes] : kFiles) {
        std::filesystem::create_directories((dir.path() / path).parent_path());
        std::ofstream(dir.path() / path) << bytes;
    }
    std::ofstream(dir.path() / "README.md") << "notes";
    std::filesystem::create_directories(dir.path() / ".cache");
    std::ofstream(dir.path() / ".cache" / "state.bin") << "x";
    std::ofstream(dir.path() / ".eslintrc") << "{}";

    const auto bundle = WebBundle::fromFolder(dir.path());
    EXPECT_EQ(bundle.assetPaths(), (std::vector<std::string>{"app.css", "app.js", "views/list.js"}));
    EXPECT_EQ(bundle.version(), WebBundle(kFiles).version()) << "the same files as the build would embed";
    EXPECT_TRUE(isLeftOutOfTheBundle("docs/notes.md"));
    EXPECT_TRUE(isLeftOutOfTheBundle(".cache/state.bin"));
    EXPECT_FALSE(isLeftOutOfTheBundle("views/list.js"));
}

TEST(WebBundle, TheEmbeddedClientIsWholeAndEveryFileHasAType) {
    // Fails the build's tests when plugins/chat/web gains a file the plugin could not serve.
    const auto bundle = WebBundle::embedded();
    EXPECT_NE(bundle.page().body.find("/assets/" + bundle.version() + "/"), std::string::npos);
    EXPECT_EQ(bundle.page().body.find("%ASSETS%"), std::string::npos);
    EXPECT_FALSE(bundle.assetPaths().empty());
}

TEST(ContentTypes, AreKnownForTheClientsFileKindsOnly) {
    EXPECT_EQ(contentTypeOf("app.css"), "text/css; charset=utf-8");
    EXPECT_EQ(contentTypeOf("icons/logo.svg"), "image/svg+xml");
    EXPECT_EQ(contentTypeOf("fonts/inter.woff2"), "font/woff2");
    EXPECT_EQ(contentTypeOf("manifest.json"), "application/json");
    EXPECT_EQ(contentTypeOf("archive.tar.gz"), std::nullopt);
    EXPECT_EQ(contentTypeOf("v1.2/Makefile"), std::nullopt) << "a dot in a folder's name is no extension";
    EXPECT_EQ(contentTypeOf("LICENSE"), std::nullopt);
}

}  // namespace
}  // namespace ocomms::chat::web
