// pg_dump and pg_restore command lines: everything libpq needs except the password, which travels in the
// child's environment only.
#include <gtest/gtest.h>

#include <algorithm>

#include <libpq-fe.h>

#include "PgCommands.hpp"

namespace ocomms::backup {
namespace {

DatabaseLocation location(const std::string& password = "s3cret pass'word") {
    DatabaseLocation l;
    l.dialect = Dialect::Postgres;
    l.host = "db.internal";
    l.port = 6543;
    l.user = "ocomms";
    l.password = password;
    l.dbname = "chat data";
    l.options = {{"sslmode", "require"}};
    return l;
}

bool anyArgumentContains(const ChildCommand& command, const std::string& text) {
    return std::any_of(command.argv.begin(), command.argv.end(),
                       [&](const std::string& a) { return a.find(text) != std::string::npos; });
}

/// What libpq reads for `keyword` from a connection string.
std::string libpqValue(const std::string& conninfo, const std::string& keyword) {
    char* error = nullptr;
    PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &error);
    if (options == nullptr) {
        PQfreemem(error);
        return "<unparsable>";
    }
    std::string value = "<unset>";
    for (auto* o = options; o->keyword != nullptr; ++o)
        if (keyword == o->keyword && o->val != nullptr) value = o->val;
    PQconninfoFree(options);
    return value;
}

TEST(PgCommands, PasswordIsInTheEnvironmentNeverOnTheCommandLine) {
    const auto command = pgDumpCommand(location(), "", "/backups/x.partial", "00000003-0000001B-1");
    EXPECT_FALSE(anyArgumentContains(command, "s3cret"));
    EXPECT_FALSE(anyArgumentContains(command, "password="));
    EXPECT_EQ(command.env.at("PGPASSWORD"), "s3cret pass'word");
}

TEST(PgCommands, NoPasswordLeavesTheEnvironmentAlone) {
    EXPECT_TRUE(pgDumpCommand(location(""), "", "/b/x", "snap").env.empty());
}

TEST(PgCommands, DumpIsCustomFormatFromTheSnapshotIntoTheFileWithoutPrompting) {
    const auto command = pgDumpCommand(location(), "", "/backups/x.partial", "00000003-0000001B-1");
    EXPECT_EQ(command.argv.front(), "pg_dump");
    for (const std::string expected :
         {"--format=custom", "--no-password", "--snapshot=00000003-0000001B-1", "--file=/backups/x.partial"})
        EXPECT_NE(std::find(command.argv.begin(), command.argv.end(), expected), command.argv.end()) << expected;
}

TEST(PgCommands, ConnectionStringSurvivesLibpqWithQuotedValues) {
    const std::string conninfo = conninfoWithoutPassword(location());
    EXPECT_EQ(libpqValue(conninfo, "host"), "db.internal");
    EXPECT_EQ(libpqValue(conninfo, "port"), "6543");
    EXPECT_EQ(libpqValue(conninfo, "dbname"), "chat data");
    EXPECT_EQ(libpqValue(conninfo, "user"), "ocomms");
    EXPECT_EQ(libpqValue(conninfo, "sslmode"), "require");
    EXPECT_EQ(libpqValue(conninfo, "password"), "<unset>");
    EXPECT_EQ(libpqValue(conninfo, "application_name"), "ocomms-backup");
}

TEST(PgCommands, ToolsComeFromTheConfiguredFolder) {
    EXPECT_EQ(pgDumpCommand(location(), "/usr/lib/postgresql/16/bin", "/b/x", "s").argv.front(),
              "/usr/lib/postgresql/16/bin/pg_dump");
    EXPECT_EQ(pgRestoreListCommand("/opt/pg/bin", "/b/x.dump").argv,
              (std::vector<std::string>{"/opt/pg/bin/pg_restore", "--list", "/b/x.dump"}));
    EXPECT_EQ(pgRestoreListCommand("", "/b/x.dump").argv.front(), "pg_restore");
}

}  // namespace
}  // namespace ocomms::backup
