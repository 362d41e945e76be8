// The registry of export contributors: entity names checked, one owner's entities unique, removal by owner.
#include <gtest/gtest.h>

#include "orgdata/ContributorRegistry.hpp"
#include "support/ErrorMessage.hpp"

namespace ocomms::orgdata {
namespace {

using test::errorMessageOf;

class NamedEntities final : public Contributor {
public:
    explicit NamedEntities(std::vector<std::string> names) : names_(std::move(names)) {}
    std::vector<std::string> entities() const override { return names_; }
    void exportRows(const std::string&, ExportSource&, RowWriter&) override {}
    void importRows(const std::string&, ImportTarget&, RowReader&) override {}

private:
    std::vector<std::string> names_;
};

std::shared_ptr<Contributor> contributorOf(std::vector<std::string> names) {
    return std::make_shared<NamedEntities>(std::move(names));
}

TEST(ContributorRegistry, ListsContributorsInRegistrationOrderWithTheirOwners) {
    ContributorRegistry registry;
    registry.add("core", nullptr, contributorOf({"organization", "users"}));
    registry.add("chat", nullptr, contributorOf({"channels"}));
    const auto listed = registry.list();
    ASSERT_EQ(listed.size(), 2u);
    EXPECT_EQ(listed[0].qualified("users"), "core.users");
    EXPECT_EQ(listed[1].qualified("channels"), "chat.channels");
}

TEST(ContributorRegistry, RefusesEntityNamesOutsideTheAlphabet) {
    ContributorRegistry registry;
    const auto message =
        errorMessageOf<std::invalid_argument>([&] { registry.add("chat", nullptr, contributorOf({"Channels"})); });
    EXPECT_NE(message.find("entity name 'Channels'"), std::string::npos) << message;
    EXPECT_THROW(registry.add("chat", nullptr, contributorOf({"../x"})), std::invalid_argument);
    EXPECT_THROW(registry.add("chat", nullptr, contributorOf({""})), std::invalid_argument);
}

TEST(ContributorRegistry, RefusesAnEntityItsOwnerContributesAlready) {
    ContributorRegistry registry;
    registry.add("chat", nullptr, contributorOf({"channels"}));
    registry.add("files", nullptr, contributorOf({"channels"}));
    const auto message =
        errorMessageOf<std::invalid_argument>([&] { registry.add("chat", nullptr, contributorOf({"channels"})); });
    EXPECT_NE(message.find("'chat.channels' is contributed twice"), std::string::npos) << message;
}

TEST(ContributorRegistry, RemovingAnOwnerRemovesOnlyItsContributors) {
    ContributorRegistry registry;
    registry.add("core", nullptr, contributorOf({"users"}));
    registry.add("chat", nullptr, contributorOf({"channels"}));
    registry.removeOwner("chat");
    const auto listed = registry.list();
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_EQ(listed[0].owner, "core");
}

}  // namespace
}  // namespace ocomms::orgdata
