// What the export and import tests share: the core and chat services on a test database (as `ocomms
// serve` runs them, without the hub), an organization seeded through them with everything an export
// holds, and the `ocomms export` and `ocomms import` commands run against a database.
//
// The seeded organization "acme":
//   ann (owner, the instance's admin), adam (admin), bob, cat ("Cat Stevens") and dan, who wrote
//   messages and reacted, then left the organization and was deactivated;
//   channels: general (public, everyone), random (public, topic, archived at the end), secret (private:
//   ann, bob), a direct channel ann+cat and one bob+ann+cat;
//   messages round-robin over the channels and their members, with threads, client ids, edits,
//   deletions, reactions (two emojis), mentions of @bob, and read markers half-way.
// Another organization, "beta" (ann and erin, a channel, messages), must never appear in acme's export.
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "ChatService.hpp"
#include "db/ConnectionPool.hpp"
#include "db/Migrator.hpp"
#include "events/EventBusImpl.hpp"
#include "identity/IdentityService.hpp"
#include "orgdata/JsonLines.hpp"
#include "orgdata/Manifest.hpp"
#include "realtime/Broadcaster.hpp"
#include "support/CapturingLogger.hpp"
#include "support/ServerProcess.hpp"
#include "support/TestDatabases.hpp"

extern "C" const ocomms_migration_table ocomms_chat_migrations;

namespace ocomms::test {

inline const std::string kSeedPassword = "correct horse battery staple";

/// The identity and chat services on one database, migrated.
class ChatStack {
public:
    explicit ChatStack(const std::string& databaseUrl)
        : pool_(db::parseDatabaseUrl(databaseUrl), 4, std::chrono::seconds(30), logger_),
          bus_(logger_),
          events_(bus_, "chat", nullptr),
          broadcaster_(nullptr, logger_) {
        pool_.open(std::chrono::seconds(10));
        db::Migrator(pool_).apply({{"core", &ocomms_core_migrations}, {"chat", &ocomms_chat_migrations}});
        identity_ = std::make_unique<identity::IdentityService>(pool_, identity::IdentitySettings{}, logger_);
        chat_ = std::make_unique<chat::ChatService>(pool_, *identity_, events_, broadcaster_, nullptr,
                                                    chat::ChatLimits{});
    }

    db::ConnectionPool& pool() { return pool_; }
    identity::IdentityService& identity() { return *identity_; }
    chat::ChatService& chat() { return *chat_; }

    /// A count from one SQL query, e.g. "SELECT count(*) FROM users".
    long long count(const std::string& sql) {
        long long n = 0;
        PooledSession session = pool_.session();
        *session << sql, soci::into(n);
        return n;
    }

private:
    CapturingLogger logger_;
    db::ConnectionPool pool_;
    events::EventBusImpl bus_;
    events::OwnedEventBus events_;
    chat::Broadcaster broadcaster_;
    std::unique_ptr<identity::IdentityService> identity_;
    std::unique_ptr<chat::ChatService> chat_;
};

struct SeededOrganization {
    OrganizationInfo acme, beta;
    UserInfo ann, adam, bob, cat, dan, erin;
    std::vector<std::int64_t> channels;  ///< acme's: general, random, secret, ann+cat, bob+ann+cat
    std::map<std::int64_t, std::vector<std::int64_t>> authors;  ///< who posts in each channel
    std::int64_t messages = 0;           ///< posted in acme
};

/// Posts message number `i` of the seed's pattern in acme: a reply every 10th, edits, deletions,
/// reactions and mentions at fixed intervals. Returns the message's id.
inline std::int64_t postSeedMessage(chat::ChatService& chat, SeededOrganization& seeded, int i,
                                    std::map<std::int64_t, std::int64_t>& lastTopLevel) {
    const auto channel = seeded.channels[static_cast<std::size_t>(i) % seeded.channels.size()];
    const auto& authors = seeded.authors.at(channel);
    const auto turn = static_cast<std::size_t>(i) / seeded.channels.size();
    const auto author = authors[turn % authors.size()];
    chat::PostRequest request{"message " + std::to_string(i) + (i % 17 == 0 ? " for @bob" : ""), std::nullopt,
                              std::nullopt};
    if (i % 3 == 0) request.clientId = "client-" + std::to_string(i);
    const bool reply = i % 10 == 7 && lastTopLevel.count(channel);
    if (reply) request.parentId = lastTopLevel[channel];
    const auto id = chat.post(author, channel, request).value.id;
    if (!reply) lastTopLevel[channel] = id;
    if (i % 7 == 3) chat.edit(author, id, request.text + " (edited)");
    if (i % 5 == 1) chat.addReaction(authors[(turn + 1) % authors.size()], id, "👍");
    if (i % 15 == 1) chat.addReaction(author, id, "🎉");
    if (i % 13 == 4) chat.remove(author, id);
    ++seeded.messages;
    return id;
}

inline SeededOrganization seedOrganization(ChatStack& stack, int messageCount) {
    auto& identity = stack.identity();
    auto& chat = stack.chat();
    SeededOrganization s;
    s.ann = identity.registerFirstUser({"ann@example.com", kSeedPassword, "Ann"}, {"acme", "Acme"}).user;
    s.acme = *identity.organization("acme");
    const auto join = [&](const OrganizationInfo& organization, Role role, const std::string& email,
                          const std::string& name) {
        const auto invite = identity.createInvite(organization.id, s.ann.id, role);
        return identity.registerWithInvite({email, kSeedPassword, name}, invite.token).user;
    };
    s.adam = join(s.acme, Role::Admin, "adam@example.com", "Adam");
    s.bob = join(s.acme, Role::Member, "bob@example.com", "Bob");
    s.cat = join(s.acme, Role::Member, "Cat@Example.com", "Cat Stevens");
    s.dan = join(s.acme, Role::Member, "dan@example.com", "Dan");
    s.beta = identity.createOrganization(s.ann.id, {"beta", "Beta"});
    s.erin = join(s.beta, Role::Member, "erin@example.com", "Erin");

    using chat::ChannelKind;
    const auto create = [&](const UserInfo& by, ChannelKind kind, std::optional<std::string> name,
                            std::vector<std::int64_t> members) {
        return chat.createChannel(by.id, s.acme.id, {kind, std::move(name), std::nullopt, std::move(members)})
            .value.channel.id;
    };
    const auto general = create(s.ann, ChannelKind::Public, "general", {s.adam.id, s.bob.id, s.cat.id, s.dan.id});
    const auto random = create(s.adam, ChannelKind::Public, "random", {s.bob.id});
    chat.updateChannel(s.adam.id, random, {std::nullopt, "anything goes"});
    const auto secret = create(s.ann, ChannelKind::Private, "secret", {s.bob.id});
    const auto pair = create(s.ann, ChannelKind::Direct, std::nullopt, {s.cat.id});
    const auto group = create(s.bob, ChannelKind::Direct, std::nullopt, {s.ann.id, s.cat.id});
    s.channels = {general, random, secret, pair, group};
    s.authors = {{general, {s.ann.id, s.adam.id, s.bob.id, s.cat.id, s.dan.id}},
                 {random, {s.adam.id, s.bob.id}},
                 {secret, {s.ann.id, s.bob.id}},
                 {pair, {s.ann.id, s.cat.id}},
                 {group, {s.bob.id, s.ann.id, s.cat.id}}};

    std::map<std::int64_t, std::int64_t> lastTopLevel;
    for (int i = 0; i < messageCount; ++i) postSeedMessage(chat, s, i, lastTopLevel);
    for (const auto channel : s.channels) {
        for (const auto member : s.authors.at(channel)) chat.markRead(member, channel, (messageCount / 5) / 2 + 1);
    }

    const auto news = chat.createChannel(s.ann.id, s.beta.id, {ChannelKind::Public, "news", std::nullopt, {s.erin.id}});
    chat.post(s.erin.id, news.value.channel.id, {"beta's own message", std::nullopt, std::nullopt});

    identity.removeMember(s.acme.id, s.dan.id);
    identity.deactivate(s.dan.id);
    chat.archiveChannel(s.adam.id, random);
    return s;
}

/// Every file of an export folder and its content.
inline std::map<std::string, std::string> filesOf(const std::filesystem::path& folder) {
    std::map<std::string, std::string> files;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        std::ifstream in(entry.path(), std::ios::binary);
        files[entry.path().filename().string()] = std::string(std::istreambuf_iterator<char>(in), {});
    }
    return files;
}

/// Expects two exports of one organization to be the same but for when they were taken: byte-identical
/// entity files, and manifests that agree on the organization and on every entity's rows, size and SHA-256.
inline void expectSameExport(const std::filesystem::path& first, const std::filesystem::path& second) {
    auto before = filesOf(first), after = filesOf(second);
    before.erase(orgdata::kManifestFile);
    after.erase(orgdata::kManifestFile);
    std::string differing;
    for (const auto& [name, content] : before) {
        const auto other = after.find(name);
        if (other == after.end()) differing += " " + name + " (only in the first)";
        else if (other->second != content) differing += " " + name;
    }
    for (const auto& [name, content] : after)
        if (before.count(name) == 0) differing += " " + name + " (only in the second)";
    EXPECT_TRUE(differing.empty()) << "entity files that differ:" << differing;

    const auto firstManifest = orgdata::readManifest(first), secondManifest = orgdata::readManifest(second);
    EXPECT_EQ(secondManifest.organizationSlug, firstManifest.organizationSlug);
    EXPECT_EQ(secondManifest.organizationName, firstManifest.organizationName);
    EXPECT_EQ(orgdata::toJson(secondManifest)["entities"], orgdata::toJson(firstManifest)["entities"]);
}

/// The rows of one entity file of an export folder.
inline std::vector<nlohmann::json> rowsOf(const std::filesystem::path& folder, const std::string& entity) {
    std::vector<nlohmann::json> rows;
    std::ifstream in(folder / orgdata::entityFileName(entity));
    for (std::string line; std::getline(in, line);) rows.push_back(nlohmann::json::parse(line));
    return rows;
}

/// A configuration for the commands, on `databaseUrl`, in `dir`, with these plugins.
inline std::filesystem::path writeCommandConfig(const std::filesystem::path& dir, const std::string& databaseUrl,
                                                const std::vector<std::string>& plugins = {"chat", "export"}) {
    const auto file = dir / "ocomms.yaml";
    std::ofstream config(file);
    config << "data_dir: \"" << (dir / "data").string() << "\"\n"
           << "database:\n  url: \"" << databaseUrl << "\"\n"
           << "plugins:\n";
    for (const auto& plugin : plugins) config << "  - name: " << plugin << "\n";
    return file;
}

/// Runs `ocomms export` of `slug` into `out`; returns the export folder it made (fails the test otherwise).
inline std::filesystem::path exportWithCli(const std::filesystem::path& config, const std::string& slug,
                                           const std::filesystem::path& out) {
    const auto result = runOcomms({"export", "--config", config.string(), "--org", slug, "--out", out.string()});
    EXPECT_EQ(result.exitCode, 0) << result.output;
    std::vector<std::filesystem::path> folders;
    for (const auto& entry : std::filesystem::directory_iterator(out)) {
        if (entry.path().filename().string().rfind("ocomms-export-" + slug + "-", 0) == 0) {
            folders.push_back(entry.path());
        }
    }
    std::sort(folders.begin(), folders.end());
    if (folders.empty()) throw std::runtime_error("no export folder in " + out.string() + ":\n" + result.output);
    return folders.back();
}

inline CommandResult importWithCli(const std::filesystem::path& config, const std::filesystem::path& folder,
                                   const std::vector<std::string>& more = {}) {
    std::vector<std::string> args{"import", "--config", config.string(), "--in", folder.string()};
    args.insert(args.end(), more.begin(), more.end());
    return runOcomms(args);
}

}  // namespace ocomms::test
