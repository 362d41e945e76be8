// `ocomms export` and `ocomms import` with the real binary, on both backends: the round trip through a
// fresh instance (of either backend) gives identical entity files and working chat state; an import is
// refused whole, before or during its transaction, with the file, line and field at fault.
#include <gtest/gtest.h>

#include <fstream>
#include <functional>

#include "orgdata/OrganizationSeed.hpp"
#include "support/HttpFailure.hpp"

namespace ocomms::test {
namespace {

/// Rewrites one entity file of an export folder, keeping the rows `keep` accepts, and the manifest with
/// it, so that the folder is consistent again (as a hand-edited export would be).
void rewriteEntity(const std::filesystem::path& folder, const std::string& entity,
                   const std::function<bool(const nlohmann::json&)>& keep) {
    const auto rows = rowsOf(folder, entity);
    std::ofstream out(folder / orgdata::entityFileName(entity), std::ios::binary | std::ios::trunc);
    orgdata::JsonLinesWriter writer(out);
    for (const auto& row : rows)
        if (keep(row)) writer.write(row);
    out.close();
    auto manifest = orgdata::readManifest(folder);
    for (auto& entry : manifest.entities)
        if (entry.entity == entity) entry.facts = writer.finish();
    std::ofstream(folder / orgdata::kManifestFile, std::ios::trunc) << orgdata::toJson(manifest).dump(2) << '\n';
}

/// A copy of an export folder, to damage.
std::filesystem::path copyOf(const std::filesystem::path& folder, const std::filesystem::path& into) {
    const auto copy = into / folder.filename();
    std::filesystem::remove_all(copy);
    std::filesystem::copy(folder, copy);
    return copy;
}

struct MessageFacts {
    std::int64_t seq = 0, replyCount = 0;
    std::string text;
    std::optional<std::string> lastReplyAt, editedAt, deletedAt;
    std::size_t reactions = 0, mentions = 0;
    bool operator==(const MessageFacts&) const = default;
};

std::vector<MessageFacts> historyFacts(chat::ChatService& chat, std::int64_t userId, std::int64_t channelId) {
    std::vector<MessageFacts> facts;
    for (const auto& m : chat.history(userId, channelId, {0, std::nullopt, 200}).messages) {
        std::size_t reactions = 0;
        for (const auto& r : m.reactions) reactions += r.userIds.size();
        facts.push_back({m.seq, m.replyCount, m.text, m.lastReplyAt, m.editedAt, m.deletedAt, reactions,
                         m.mentions.size()});
    }
    return facts;
}

chat::ChannelView channelNamed(chat::ChatService& chat, std::int64_t userId, std::int64_t organizationId,
                               const std::string& name) {
    for (const auto& view : chat.listChannels(userId, organizationId))
        if (view.channel.name == name) return view;
    throw std::runtime_error("no channel " + name);
}

class ExportImport : public ::testing::TestWithParam<Dialect> {
protected:
    ExportImport() : source_(TestDatabase::create(GetParam())), stack_(source_.url()) {}

    void seed(int messages) {
        seeded_ = seedOrganization(stack_, messages);
        config_ = writeCommandConfig(dir_.path(), source_.url());
    }

    std::filesystem::path exportAcme() { return exportWithCli(config_, "acme", dir_.path() / "exports"); }

    TestDatabase source_;
    ChatStack stack_;
    SeededOrganization seeded_;
    TempDir dir_;
    std::filesystem::path config_;
};

TEST_P(ExportImport, RoundTripThroughAFreshInstanceOfEitherBackendGivesIdenticalEntityFiles) {
    seed(5000);
    const auto first = exportAcme();
    const auto manifest = orgdata::readManifest(first);
    std::map<std::string, std::int64_t> counts;
    for (const auto& entry : manifest.entities) counts[entry.entity] = entry.facts.rows;
    EXPECT_EQ(counts.size(), 8u);
    EXPECT_EQ(counts["chat.messages"], 5000);
    EXPECT_EQ(counts["chat.channels"], 5);
    EXPECT_EQ(counts["core.members"], 4) << "dan left";
    EXPECT_EQ(counts["core.users"], 5) << "dan wrote messages, so he is in; erin is beta's only";
    std::vector<std::string> emails;
    for (const auto& user : rowsOf(first, "core.users")) {
        EXPECT_FALSE(user.contains("password_hash"));
        emails.push_back(user["email"]);
    }
    EXPECT_EQ(std::count(emails.begin(), emails.end(), "erin@example.com"), 0);
    EXPECT_EQ(std::count(emails.begin(), emails.end(), "Cat@Example.com"), 1) << "emails keep their case";

    const auto original = channelNamed(stack_.chat(), seeded_.ann.id, seeded_.acme.id, "general");
    const auto originalHistory = historyFacts(stack_.chat(), seeded_.ann.id, original.channel.id);
    for (const Dialect target : {GetParam(), GetParam() == Dialect::Sqlite ? Dialect::Postgres : Dialect::Sqlite}) {
        SCOPED_TRACE("into " + dialectName(target));
        const auto fresh = TestDatabase::create(target);
        TempDir dir;
        const auto config = writeCommandConfig(dir.path(), fresh.url());
        const auto imported = importWithCli(config, first);
        ASSERT_EQ(imported.exitCode, 0) << imported.output;
        EXPECT_NE(imported.output.find("imported organization acme"), std::string::npos) << imported.output;

        expectSameExport(first, exportWithCli(config, "acme", dir.path() / "exports"));

        ChatStack instance(fresh.url());
        auto& identity = instance.identity();
        EXPECT_EQ(httpFailureOf([&] { identity.login("ann@example.com", kSeedPassword); }).rfind(
                      "403 password_reset_required", 0),
                  0u);
        const auto ann = identity.userByEmail("ann@example.com")->user;
        identity.setPassword(ann.id, kSeedPassword);
        EXPECT_NO_THROW(identity.login("ann@example.com", kSeedPassword));
        const auto acme = *identity.organization("acme");

        auto& chat = instance.chat();
        const auto general = channelNamed(chat, ann.id, acme.id, "general");
        EXPECT_EQ(general.channel.lastSeq, original.channel.lastSeq);
        EXPECT_EQ(historyFacts(chat, ann.id, general.channel.id), originalHistory) << "threads, edits, reactions";
        EXPECT_EQ(chat.post(ann.id, general.channel.id, {"after the import", std::nullopt, std::nullopt}).value.seq,
                  original.channel.lastSeq + 1);
        for (const std::string query : {"message 7", "message 1234", "message 4999"}) {
            const auto found = chat.search(ann.id, acme.id, query, std::nullopt);
            ASSERT_EQ(found.size(), 1u) << query << ": the search index was filled";
            EXPECT_EQ(found[0].text.rfind(query, 0), 0u) << found[0].text;
        }
        const auto cat = identity.userByEmail("cat@example.com")->user;
        EXPECT_FALSE(chat.createChannel(ann.id, acme.id, {chat::ChannelKind::Direct, std::nullopt, std::nullopt,
                                                          {cat.id}})
                         .created)
            << "the direct channel ann+cat is found by its key";
    }
}

TEST_P(ExportImport, AnExistingSlugIsRefusedAndAsSlugImportsBesideLinkingEveryUser) {
    seed(60);
    const auto folder = exportAcme();
    const auto users = stack_.count("SELECT count(*) FROM users");

    const auto refused = importWithCli(config_, folder);
    EXPECT_EQ(refused.exitCode, 1);
    EXPECT_NE(refused.output.find("an organization 'acme' exists here already"), std::string::npos) << refused.output;
    EXPECT_NE(refused.output.find("--as-slug"), std::string::npos) << refused.output;

    const auto invalid = importWithCli(config_, folder, {"--as-slug", "Not A Slug"});
    EXPECT_EQ(invalid.exitCode, 1);
    EXPECT_NE(invalid.output.find("--as-slug: slug:"), std::string::npos) << invalid.output;

    const auto copied = importWithCli(config_, folder, {"--as-slug", "acme-copy"});
    ASSERT_EQ(copied.exitCode, 0) << copied.output;
    EXPECT_NE(copied.output.find("users linked to an existing account by email: 5"), std::string::npos)
        << copied.output;
    EXPECT_EQ(stack_.count("SELECT count(*) FROM users"), users) << "linked, not duplicated";
    const auto copy = stack_.identity().organization("acme-copy");
    ASSERT_TRUE(copy);
    EXPECT_EQ(copy->name, "Acme");
    EXPECT_EQ(stack_.identity().roleIn(seeded_.ann.id, copy->id), Role::Owner);
    EXPECT_EQ(stack_.identity().roleIn(seeded_.adam.id, copy->id), Role::Admin);
    EXPECT_EQ(stack_.chat().listChannels(seeded_.bob.id, copy->id).size(), 4u) << "general, random, secret, group";
    EXPECT_EQ(stack_.count("SELECT count(*) FROM chat_messages"), 2 * seeded_.messages + 1);
}

TEST_P(ExportImport, AUserWhoseEmailExistsIsLinkedAndTheOthersMustHaveAPasswordSet) {
    seed(60);
    const auto folder = exportAcme();
    const auto fresh = TestDatabase::create(GetParam());
    ChatStack instance(fresh.url());
    const auto bob = instance.identity().createUser({"BOB@example.com", "bob's own password", "Robert"});
    TempDir dir;
    const auto config = writeCommandConfig(dir.path(), fresh.url());

    const auto imported = importWithCli(config, folder);
    ASSERT_EQ(imported.exitCode, 0) << imported.output;
    EXPECT_NE(imported.output.find("users linked to an existing account by email: 1"), std::string::npos)
        << imported.output;
    EXPECT_EQ(instance.count("SELECT count(*) FROM users"), 5) << "bob was not duplicated";
    auto& identity = instance.identity();
    EXPECT_EQ(identity.login("bob@example.com", "bob's own password").user.displayName, "Robert");
    const auto acme = *identity.organization("acme");
    EXPECT_EQ(identity.roleIn(bob.id, acme.id), Role::Member);

    EXPECT_EQ(httpFailureOf([&] { identity.login("adam@example.com", "any password at all"); })
                  .rfind("403 password_reset_required", 0),
              0u);
    EXPECT_EQ(
        httpFailureOf([&] { identity.login("dan@example.com", kSeedPassword); }).rfind("401 invalid_credentials", 0),
        0u)
        << "dan was deactivated, and still is";
    const auto reset =
        runOcomms({"admin", "reset-password", "--email", "adam@example.com", "--config", config.string()}, {},
                  std::string("a brand new passphrase\n"));
    ASSERT_EQ(reset.exitCode, 0) << reset.output;
    EXPECT_NO_THROW(identity.login("adam@example.com", "a brand new passphrase"));
}

TEST_P(ExportImport, OneFlippedByteInAnyFileIsRefusedAndChangesNothing) {
    seed(60);
    const auto folder = exportAcme();
    const auto fresh = TestDatabase::create(GetParam());
    TempDir dir;
    const auto config = writeCommandConfig(dir.path(), fresh.url());
    for (const auto& [name, content] : filesOf(folder)) {
        SCOPED_TRACE(name);
        const auto damaged = copyOf(folder, dir.path());
        std::string flipped = content;
        flipped[flipped.size() / 2] = static_cast<char>(flipped[flipped.size() / 2] ^ 0x01);
        std::ofstream(damaged / name, std::ios::binary | std::ios::trunc) << flipped;
        const auto result = importWithCli(config, damaged);
        EXPECT_EQ(result.exitCode, 1) << result.output;
        EXPECT_NE(result.output.find("nothing was imported"), std::string::npos) << result.output;
        if (name != orgdata::kManifestFile) {
            EXPECT_NE(result.output.find(name + ": its SHA-256 does not match the manifest"), std::string::npos)
                << result.output;
        }
    }
    ChatStack instance(fresh.url());
    EXPECT_EQ(instance.count("SELECT count(*) FROM organizations"), 0);
    EXPECT_EQ(instance.count("SELECT count(*) FROM users"), 0);
}

TEST_P(ExportImport, AnUnknownFormatVersionIsRefused) {
    seed(10);
    const auto folder = exportAcme();
    auto manifest = orgdata::toJson(orgdata::readManifest(folder));
    manifest["version"] = 2;
    std::ofstream(folder / orgdata::kManifestFile, std::ios::trunc) << manifest.dump(2);
    const auto fresh = TestDatabase::create(GetParam());
    TempDir dir;
    const auto result = importWithCli(writeCommandConfig(dir.path(), fresh.url()), folder);
    EXPECT_EQ(result.exitCode, 1);
    EXPECT_NE(result.output.find("manifest.json: format version 2 is not one this build reads"), std::string::npos)
        << result.output;
}

TEST_P(ExportImport, ARowTheImportRefusesIsNamedByFileLineAndFieldAndEverythingIsRolledBack) {
    seed(60);
    const auto folder = exportAcme();
    std::int64_t danId = 0;
    for (const auto& user : rowsOf(folder, "core.users"))
        if (user["email"] == "dan@example.com") danId = user["id"];
    ASSERT_NE(danId, 0);
    rewriteEntity(folder, "core.users", [&](const nlohmann::json& user) { return user["id"] != danId; });
    std::int64_t line = 0, danLine = 0;
    for (const auto& member : rowsOf(folder, "chat.channel_members")) {
        ++line;
        if (member["user"] == danId && danLine == 0) danLine = line;
    }

    const auto fresh = TestDatabase::create(GetParam());
    TempDir dir;
    const auto result = importWithCli(writeCommandConfig(dir.path(), fresh.url()), folder);
    EXPECT_EQ(result.exitCode, 1);
    EXPECT_NE(result.output.find("chat.channel_members.jsonl line " + std::to_string(danLine) +
                                 ": field 'user': no user with export id " + std::to_string(danId) +
                                 " was imported before"),
              std::string::npos)
        << result.output;
    ChatStack instance(fresh.url());
    EXPECT_EQ(instance.count("SELECT count(*) FROM organizations"), 0);
    EXPECT_EQ(instance.count("SELECT count(*) FROM users"), 0) << "the users imported before were rolled back";
    EXPECT_EQ(instance.count("SELECT count(*) FROM chat_channels"), 0);
}

TEST_P(ExportImport, EntitiesOfAPluginNotEnabledHereAreRefused) {
    seed(10);
    const auto folder = exportAcme();
    const auto fresh = TestDatabase::create(GetParam());
    TempDir dir;
    const auto result = importWithCli(writeCommandConfig(dir.path(), fresh.url(), {}), folder);
    EXPECT_EQ(result.exitCode, 1);
    EXPECT_NE(result.output.find("plugin 'chat' is not enabled here"), std::string::npos) << result.output;
}

TEST_P(ExportImport, ExportingAnOrganizationThatDoesNotExistFails) {
    seed(0);
    const auto result = runOcomms({"export", "--config", config_.string(), "--org", "nope", "--out",
                                   (dir_.path() / "exports").string()});
    EXPECT_EQ(result.exitCode, 1);
    EXPECT_NE(result.output.find("there is no organization 'nope'"), std::string::npos) << result.output;
}

INSTANTIATE_TEST_SUITE_P(Backends, ExportImport, ::testing::Values(Dialect::Sqlite, Dialect::Postgres),
                         [](const auto& param) { return dialectName(param.param); });

}  // namespace
}  // namespace ocomms::test
