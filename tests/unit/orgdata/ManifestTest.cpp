// manifest.json: what an import checks before it changes anything.
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "orgdata/Manifest.hpp"
#include "support/ErrorMessage.hpp"
#include "support/ServerProcess.hpp"

namespace ocomms::orgdata {
namespace {

using test::errorMessageOf;

/// A folder with one entity file and the manifest entry that matches it.
class ManifestFiles : public ::testing::Test {
protected:
    void SetUp() override {
        std::ofstream out(dir_.path() / "core.users.jsonl", std::ios::binary);
        JsonLinesWriter writer(out);
        writer.write({{"id", 1}, {"email", "ann@example.com"}});
        writer.write({{"id", 2}, {"email", "bob@example.com"}});
        entry_ = {"core.users", "core.users.jsonl", writer.finish()};
    }

    std::string verifyError() const {
        return errorMessageOf<ManifestError>([&] { verifyEntityFile(dir_.path(), entry_); });
    }

    void rewrite(const std::string& content) const {
        std::ofstream(dir_.path() / "core.users.jsonl", std::ios::binary | std::ios::trunc) << content;
    }

    std::string content() const {
        std::ifstream in(dir_.path() / "core.users.jsonl", std::ios::binary);
        return std::string(std::istreambuf_iterator<char>(in), {});
    }

    test::TempDir dir_;
    EntityFile entry_;
};

Manifest sampleManifest() {
    Manifest manifest;
    manifest.appVersion = "0.1.0";
    manifest.exportedAt = "2026-11-28T11:45:00Z";
    manifest.organizationSlug = "acme";
    manifest.organizationName = "Acme";
    manifest.entities = {{"core.organization", "core.organization.jsonl", {1, 60, std::string(64, 'a')}},
                         {"chat.messages", "chat.messages.jsonl", {5000, 123456, std::string(64, 'b')}}};
    return manifest;
}

TEST(Manifest, RoundTripsThroughJson) {
    const auto parsed = parseManifest(toJson(sampleManifest()));
    EXPECT_EQ(parsed.format, "ocomms-export");
    EXPECT_EQ(parsed.version, 1);
    EXPECT_EQ(parsed.organizationSlug, "acme");
    ASSERT_EQ(parsed.entities.size(), 2u);
    EXPECT_EQ(parsed.entities[1].entity, "chat.messages");
    EXPECT_EQ(parsed.entities[1].facts.rows, 5000);
    EXPECT_EQ(parsed.entities[1].facts.bytes, 123456);
    EXPECT_EQ(toJson(parsed), toJson(sampleManifest()));
}

TEST(Manifest, WritesTheFieldsTheFormatDocumentNames) {
    const auto json = toJson(sampleManifest());
    EXPECT_EQ(json["format"], "ocomms-export");
    EXPECT_EQ(json["app_version"], "0.1.0");
    EXPECT_EQ(json["exported_at"], "2026-11-28T11:45:00Z");
    EXPECT_EQ(json["organization"], (nlohmann::json{{"slug", "acme"}, {"name", "Acme"}}));
    EXPECT_EQ(json["entities"][0], (nlohmann::json{{"entity", "core.organization"},
                                                   {"file", "core.organization.jsonl"},
                                                   {"count", 1},
                                                   {"bytes", 60},
                                                   {"sha256", std::string(64, 'a')}}));
}

TEST(Manifest, RefusesAnUnknownFormatVersionNamingBoth) {
    auto json = toJson(sampleManifest());
    json["version"] = 2;
    const auto message = errorMessageOf<ManifestError>([&] { parseManifest(json); });
    EXPECT_NE(message.find("format version 2"), std::string::npos) << message;
    EXPECT_NE(message.find("reads version 1"), std::string::npos) << message;
}

TEST(Manifest, RefusesAnotherFormat) {
    auto json = toJson(sampleManifest());
    json["format"] = "slack-export";
    EXPECT_NE(errorMessageOf<ManifestError>([&] { parseManifest(json); }).find("'slack-export'"), std::string::npos);
}

TEST(Manifest, RefusesAFileNameOtherThanTheEntitysOwn) {
    auto json = toJson(sampleManifest());
    json["entities"][1]["file"] = "../../etc/passwd";
    const auto message = errorMessageOf<ManifestError>([&] { parseManifest(json); });
    EXPECT_NE(message.find("entities[1].file must be 'chat.messages.jsonl'"), std::string::npos) << message;
}

TEST(Manifest, RefusesMissingFieldsAndEntitiesListedTwice) {
    auto missing = toJson(sampleManifest());
    missing["entities"][0].erase("sha256");
    EXPECT_NE(errorMessageOf<ManifestError>([&] { parseManifest(missing); }).find("entities[0].sha256 is missing"),
              std::string::npos);
    auto twice = toJson(sampleManifest());
    twice["entities"][1] = twice["entities"][0];
    EXPECT_NE(errorMessageOf<ManifestError>([&] { parseManifest(twice); }).find("listed twice"), std::string::npos);
    auto negative = toJson(sampleManifest());
    negative["entities"][0]["count"] = -1;
    EXPECT_NE(errorMessageOf<ManifestError>([&] { parseManifest(negative); }).find("count must be a whole number"),
              std::string::npos);
}

TEST_F(ManifestFiles, AcceptsTheFileItDescribes) { EXPECT_NO_THROW(verifyEntityFile(dir_.path(), entry_)); }

TEST_F(ManifestFiles, RefusesAFileWithOneByteFlipped) {
    auto flipped = content();
    flipped[10] = static_cast<char>(flipped[10] ^ 0x01);
    rewrite(flipped);
    const auto message = verifyError();
    EXPECT_NE(message.find("core.users.jsonl: its SHA-256 does not match"), std::string::npos) << message;
}

TEST_F(ManifestFiles, RefusesAMissingFile) {
    std::filesystem::remove(dir_.path() / "core.users.jsonl");
    EXPECT_NE(verifyError().find("core.users.jsonl: missing"), std::string::npos);
}

TEST_F(ManifestFiles, RefusesAFileCutShort) {
    auto cut = content();
    cut.pop_back();
    rewrite(cut);
    const auto message = verifyError();
    EXPECT_NE(message.find("bytes, but the manifest says " + std::to_string(entry_.facts.bytes)), std::string::npos)
        << message;
}

TEST_F(ManifestFiles, RefusesARowCountOtherThanTheFilesLines) {
    entry_.facts.rows = 3;
    EXPECT_NE(verifyError().find("2 complete rows, but the manifest says 3"), std::string::npos);
}

}  // namespace
}  // namespace ocomms::orgdata
