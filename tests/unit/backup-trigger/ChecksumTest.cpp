// Checksum files in sha256sum's format, which `sha256sum -c` accepts in the backup folder.
#include <gtest/gtest.h>

#include <fstream>

#include "Checksum.hpp"
#include "support/ServerProcess.hpp"

namespace ocomms::backup {
namespace {

constexpr const char* kSha256OfAbc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

TEST(Checksum, FileHashIsSha256InLowerCaseHex) {
    const ocomms::test::TempDir dir;
    std::ofstream(dir.path() / "abc") << "abc";
    EXPECT_EQ(sha256OfFile(dir.path() / "abc"), kSha256OfAbc);
}

TEST(Checksum, LargeFilesAreHashedWhole) {
    const ocomms::test::TempDir dir;
    {
        std::ofstream out(dir.path() / "big", std::ios::binary);
        out << std::string(3 * 1024 * 1024 + 17, 'x');
    }
    const auto result = ocomms::test::runCommand({"sha256sum", (dir.path() / "big").string()});
    EXPECT_EQ(sha256OfFile(dir.path() / "big"), result.output.substr(0, 64));
}

TEST(Checksum, MissingFileNamesTheFile) {
    try {
        sha256OfFile("/nonexistent/backup.dump");
        FAIL() << "no exception";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("/nonexistent/backup.dump"), std::string::npos);
    }
}

TEST(Checksum, LineIsHashTwoSpacesAndTheFileName) {
    EXPECT_EQ(checksumLine(kSha256OfAbc, "ocomms-backup-20260128T030000Z-1.dump"),
              std::string(kSha256OfAbc) + "  ocomms-backup-20260128T030000Z-1.dump\n");
}

TEST(Checksum, Sha256sumChecksTheFileWeWrite) {
    const ocomms::test::TempDir dir;
    std::ofstream(dir.path() / "abc.dump") << "abc";
    std::ofstream(dir.path() / "abc.dump.sha256") << checksumLine(sha256OfFile(dir.path() / "abc.dump"), "abc.dump");
    const auto result =
        ocomms::test::runCommand({"sh", "-c", "cd \"$1\" && sha256sum -c abc.dump.sha256", "sh", dir.path().string()});
    EXPECT_EQ(result.exitCode, 0) << result.output;
}

TEST(Checksum, ParsingReadsTextAndBinaryMarkers) {
    const auto text = parseChecksumLine(std::string(kSha256OfAbc) + "  a.dump\n");
    ASSERT_TRUE(text.has_value());
    EXPECT_EQ(text->sha256, kSha256OfAbc);
    EXPECT_EQ(text->fileName, "a.dump");
    const auto binary = parseChecksumLine(std::string(kSha256OfAbc) + " *a.dump");
    ASSERT_TRUE(binary.has_value());
    EXPECT_EQ(binary->fileName, "a.dump");
}

TEST(Checksum, ParsingRefusesOtherFormats) {
    EXPECT_FALSE(parseChecksumLine("").has_value());
    EXPECT_FALSE(parseChecksumLine("abc  a.dump\n").has_value());
    EXPECT_FALSE(parseChecksumLine(std::string(kSha256OfAbc) + "a.dump").has_value());
    EXPECT_FALSE(
        parseChecksumLine("BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD  a.dump").has_value());
}

}  // namespace
}  // namespace ocomms::backup
