// JSON Lines files: sorted keys, one row a line, and the facts the manifest records of them.
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "orgdata/JsonLines.hpp"
#include "support/ErrorMessage.hpp"
#include "support/ServerProcess.hpp"

namespace ocomms::orgdata {
namespace {

using test::errorMessageOf;

std::string sha256Of(const std::string& bytes) {
    Sha256 sha;
    sha.update(bytes);
    return sha.hexDigest();
}

TEST(Sha256, MatchesTheStandardTestVector) {
    EXPECT_EQ(sha256Of("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Sha256, GivesTheSameDigestForDataGivenInPieces) {
    Sha256 pieces;
    pieces.update("a");
    pieces.update("bc");
    EXPECT_EQ(pieces.hexDigest(), sha256Of("abc"));
}

TEST(JsonLinesWriter, WritesOneRowALineWithSortedKeysAndCountsWhatItWrote) {
    std::ostringstream out;
    JsonLinesWriter writer(out);
    writer.write({{"seq", 2}, {"channel", 1}, {"text", "héllo \"x\""}});
    writer.write({{"b", nullptr}, {"a", true}});
    const auto facts = writer.finish();
    const std::string expected = "{\"channel\":1,\"seq\":2,\"text\":\"héllo \\\"x\\\"\"}\n{\"a\":true,\"b\":null}\n";
    EXPECT_EQ(out.str(), expected);
    EXPECT_EQ(facts.rows, 2);
    EXPECT_EQ(facts.bytes, static_cast<std::int64_t>(expected.size()));
    EXPECT_EQ(facts.sha256, sha256Of(expected));
}

TEST(JsonLinesWriter, RefusesTextThatIsNotUtf8) {
    std::ostringstream out;
    JsonLinesWriter writer(out);
    const auto message = errorMessageOf<std::runtime_error>([&] { writer.write({{"text", "\xff\xfe"}}); });
    EXPECT_NE(message.find("not valid UTF-8"), std::string::npos) << message;
}

class JsonLinesFile : public ::testing::Test {
protected:
    std::filesystem::path write(const std::string& content) const {
        const auto path = dir_.path() / "chat.messages.jsonl";
        std::ofstream(path, std::ios::binary) << content;
        return path;
    }
    test::TempDir dir_;
};

TEST_F(JsonLinesFile, ReaderGivesTheRowsWithTheirLinesAndTheFileFacts) {
    const std::string content = "{\"seq\":1}\n{\"seq\":2}\n";
    JsonLinesReader reader(write(content));
    nlohmann::json row;
    ASSERT_TRUE(reader.next(row));
    EXPECT_EQ(row["seq"], 1);
    EXPECT_EQ(reader.line(), 1);
    ASSERT_TRUE(reader.next(row));
    EXPECT_EQ(reader.line(), 2);
    EXPECT_FALSE(reader.next(row));
    const auto facts = reader.finish();
    EXPECT_EQ(facts.rows, 2);
    EXPECT_EQ(facts.bytes, static_cast<std::int64_t>(content.size()));
    EXPECT_EQ(facts.sha256, sha256Of(content));
}

TEST_F(JsonLinesFile, ReaderNamesTheFileAndLineOfARowThatIsNotJson) {
    JsonLinesReader reader(write("{\"seq\":1}\n{\"seq\":\n"));
    nlohmann::json row;
    ASSERT_TRUE(reader.next(row));
    const auto message = errorMessageOf<ImportError>([&] { reader.next(row); });
    EXPECT_NE(message.find("chat.messages.jsonl line 2: not valid JSON"), std::string::npos) << message;
}

TEST_F(JsonLinesFile, ReaderRefusesARowThatIsNotAnObject) {
    JsonLinesReader reader(write("[1,2]\n"));
    nlohmann::json row;
    const auto message = errorMessageOf<ImportError>([&] { reader.next(row); });
    EXPECT_NE(message.find("line 1: a row must be a JSON object"), std::string::npos) << message;
}

}  // namespace
}  // namespace ocomms::orgdata
