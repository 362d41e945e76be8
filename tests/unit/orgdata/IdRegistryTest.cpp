// Export ids (1, 2, 3... per kind, in the order of first use) and their import-side mapping.
#include <gtest/gtest.h>

#include "orgdata/ExportIdRegistry.hpp"
#include "orgdata/ImportIdRegistry.hpp"
#include "support/ErrorMessage.hpp"

namespace ocomms::orgdata {
namespace {

using test::errorMessageOf;

TEST(ExportIdRegistry, NumbersEachKindFromOneInTheOrderOfFirstUse) {
    ExportIdRegistry ids;
    EXPECT_EQ(ids.of("user", 42), 1);
    EXPECT_EQ(ids.of("user", 7), 2);
    EXPECT_EQ(ids.of("chat.channel", 42), 1);
    EXPECT_EQ(ids.of("user", 42), 1);
    EXPECT_EQ(ids.of("user", 99), 3);
    EXPECT_EQ(ids.instanceIds("user"), (std::vector<std::int64_t>{42, 7, 99}));
    EXPECT_EQ(ids.instanceIds("chat.channel"), (std::vector<std::int64_t>{42}));
    EXPECT_TRUE(ids.instanceIds("nothing").empty());
}

TEST(ImportIdRegistry, GivesTheInstanceIdBoundToAnExportIdOfThatKind) {
    ImportIdRegistry ids;
    ids.bind("user", 1, 501);
    ids.bind("chat.channel", 1, 9);
    EXPECT_EQ(ids.instanceId("user", 1), 501);
    EXPECT_EQ(ids.instanceId("chat.channel", 1), 9);
}

TEST(ImportIdRegistry, NamesTheKindAndIdThatWasNotImported) {
    ImportIdRegistry ids;
    ids.bind("user", 1, 501);
    const auto message = errorMessageOf<ImportError>([&] { ids.instanceId("user", 2); });
    EXPECT_EQ(message, "no user with export id 2 was imported before");
}

TEST(ImportIdRegistry, RefusesTwoRowsWithOneExportId) {
    ImportIdRegistry ids;
    ids.bind("user", 1, 501);
    const auto message = errorMessageOf<ImportError>([&] { ids.bind("user", 1, 502); });
    EXPECT_NE(message.find("export id 1 was imported already"), std::string::npos) << message;
}

TEST(RowFields, NamesTheFieldThatIsMissingMistypedOrUnknown) {
    const nlohmann::json row = {{"seq", "one"}, {"text", "hi"}, {"author", 3}};
    EXPECT_EQ(errorMessageOf<ImportError>([&] { RowFields(row, {"seq", "text"}); }), "field 'author': unknown field");
    const RowFields fields(row, {"seq", "text", "author", "parent_seq"});
    EXPECT_EQ(errorMessageOf<ImportError>([&] { fields.integer("seq"); }), "field 'seq': must be an integer");
    EXPECT_EQ(errorMessageOf<ImportError>([&] { fields.text("parent_seq"); }), "field 'parent_seq': missing");
    EXPECT_EQ(fields.text("text"), "hi");
}

TEST(RowFields, ReferenceNamesTheFieldWhoseExportIdIsUnknown) {
    ImportIdRegistry ids;
    const nlohmann::json row = {{"author", 3}};
    const RowFields fields(row, {"author"});
    EXPECT_EQ(errorMessageOf<ImportError>([&] { fields.reference("author", "user", ids); }),
              "field 'author': no user with export id 3 was imported before");
}

TEST(ImportError, PlacedInAFileReadsWithFileLineAndField) {
    const ImportError error("seq", "must be 1 or more");
    const auto placed = error.at("chat.messages.jsonl", 12);
    EXPECT_STREQ(placed.what(), "chat.messages.jsonl line 12: field 'seq': must be 1 or more");
    EXPECT_STREQ(placed.at("other.jsonl", 1).what(), placed.what()) << "a placed error keeps its place";
}

}  // namespace
}  // namespace ocomms::orgdata
