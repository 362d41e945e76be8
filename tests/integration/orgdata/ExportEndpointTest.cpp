// POST /api/orgs/{org}/export (the export plugin) against a real server on both backends: the owner gets
// the organization as one chunked JSON document holding the rows `ocomms export` writes; everyone else
// is refused as the host's access rules say.
#include <gtest/gtest.h>

#include <regex>

#include "orgdata/OrganizationSeed.hpp"

namespace ocomms::test {
namespace {

class ExportEndpoint : public ::testing::TestWithParam<Dialect> {
protected:
    ExportEndpoint() : database_(TestDatabase::create(GetParam())), stack_(database_.url()) {}

    void SetUp() override {
        seeded_ = seedOrganization(stack_, 200);
        ServerOptions options;
        options.databaseUrl = database_.url();
        options.pluginsYaml = "  - name: health\n  - name: chat\n  - name: export\n";
        server_.emplace(options);
        server_->start();
    }

    std::string tokenOf(const std::string& email) const {
        const auto r = httpRequest(server_->port(), "POST", "/api/auth/login",
                                   nlohmann::json{{"email", email}, {"password", kSeedPassword}}.dump());
        if (r.status != 200) throw std::runtime_error("sign in " + email + ": " + std::to_string(r.status) + r.body);
        return nlohmann::json::parse(r.body)["token"];
    }

    HttpResult exportAs(const std::string& token, const std::string& org = "acme") const {
        std::map<std::string, std::string> headers;
        if (!token.empty()) headers["Authorization"] = "Bearer " + token;
        return httpRequest(server_->port(), "POST", "/api/orgs/" + org + "/export", "", headers);
    }

    TestDatabase database_;
    ChatStack stack_;
    SeededOrganization seeded_;
    std::optional<ServerProcess> server_;
};

TEST_P(ExportEndpoint, TheOwnerGetsOneChunkedDocumentWithTheRowsOfTheCommandsFiles) {
    const auto result = exportAs(tokenOf("ann@example.com"));
    ASSERT_EQ(result.status, 200) << result.body;
    EXPECT_EQ(result.headers.at("transfer-encoding"), "chunked");
    EXPECT_EQ(result.headers.at("content-type"), "application/json");
    EXPECT_TRUE(std::regex_match(result.headers.at("content-disposition"),
                                 std::regex(R"(attachment; filename="ocomms-export-acme-\d{8}T\d{6}Z\.json")")))
        << result.headers.at("content-disposition");
    const auto document = nlohmann::json::parse(result.body);
    EXPECT_EQ(document["format"], "ocomms-export");
    EXPECT_EQ(document["version"], 1);
    EXPECT_EQ(document["organization"], (nlohmann::json{{"slug", "acme"}, {"name", "Acme"}}));
    EXPECT_TRUE(std::regex_match(document["exported_at"].get<std::string>(),
                                 std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)")));

    TempDir dir;
    const auto folder = exportWithCli(writeCommandConfig(dir.path(), database_.url()), "acme", dir.path() / "out");
    const auto manifest = orgdata::readManifest(folder);
    ASSERT_EQ(document["entities"].size(), manifest.entities.size());
    for (const auto& entry : manifest.entities) {
        SCOPED_TRACE(entry.entity);
        const auto rows = rowsOf(folder, entry.entity);
        EXPECT_EQ(document["entities"][entry.entity], nlohmann::json(rows));
        EXPECT_EQ(document["counts"][entry.entity], rows.size());
    }
    EXPECT_EQ(document["counts"]["chat.messages"], 200);
}

TEST_P(ExportEndpoint, AdminsAndMembersAreForbiddenOthersSeeNothingAndAnonymousMustSignIn) {
    EXPECT_EQ(exportAs(tokenOf("adam@example.com")).status, 403);
    EXPECT_EQ(exportAs(tokenOf("bob@example.com")).status, 403);
    EXPECT_EQ(exportAs(tokenOf("erin@example.com")).status, 404) << "erin is in beta only";
    EXPECT_EQ(exportAs("").status, 401);
    EXPECT_EQ(exportAs(tokenOf("ann@example.com"), "nowhere").status, 404);
    EXPECT_EQ(exportAs(tokenOf("erin@example.com"), "beta").status, 403);
}

INSTANTIATE_TEST_SUITE_P(Backends, ExportEndpoint, ::testing::Values(Dialect::Sqlite, Dialect::Postgres),
                         [](const auto& param) { return dialectName(param.param); });

}  // namespace
}  // namespace ocomms::test
