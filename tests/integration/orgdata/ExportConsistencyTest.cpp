// An export is one moment of the database. Held half-way (by the export-gate fixture plugin) while the
// test changes the database, it holds none of the changes. Taken while messages, replies and reactions
// are being posted, it is coherent: every channel's messages are numbered 1..n without a gap, every
// reply, reaction and mention refers to a message in the export, every user referred to is in
// core.users, and the manifest's counts hold.
#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <future>
#include <set>
#include <thread>

#include "orgdata/OrganizationSeed.hpp"

namespace ocomms::test {
namespace {

using MessageKey = std::pair<std::int64_t, std::int64_t>;  // channel export id, seq

class ExportDuringTraffic : public ::testing::TestWithParam<Dialect> {
protected:
    ExportDuringTraffic() : database_(TestDatabase::create(GetParam())), stack_(database_.url()) {}

    TestDatabase database_;
    ChatStack stack_;
    TempDir dir_;
};

/// Waits up to a minute for `condition`.
template <typename Condition>
bool eventually(Condition&& condition) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(1);
    while (!condition()) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return true;
}

TEST_P(ExportDuringTraffic, IsOneCoherentMomentOfTheDatabase) {
    constexpr int kSeeded = 100;
    auto seeded = seedOrganization(stack_, kSeeded);
    std::atomic<bool> stop{false};
    std::atomic<int> posted{0};
    std::atomic<bool> failed{false};
    std::string failure;  // read after the poster is joined
    // The random channel is archived and dan has left: the others go on posting, replying and reacting.
    seeded.channels.erase(seeded.channels.begin() + 1);
    auto& general = seeded.authors.at(seeded.channels.front());
    general.erase(std::find(general.begin(), general.end(), seeded.dan.id));
    std::thread poster([&] {
        std::map<std::int64_t, std::int64_t> lastTopLevel;
        try {
            for (int i = kSeeded; !stop; ++i, ++posted) postSeedMessage(stack_.chat(), seeded, i, lastTopLevel);
        } catch (const std::exception& e) {
            failure = e.what();
            failed = true;
        }
    });
    const bool postingBeganFirst = eventually([&] { return posted >= 50 || failed; });
    std::filesystem::path folder;
    try {
        folder = exportWithCli(writeCommandConfig(dir_.path(), database_.url()), "acme", dir_.path() / "out");
    } catch (...) {
        stop = true;
        poster.join();
        throw;
    }
    stop = true;
    poster.join();
    ASSERT_TRUE(failure.empty()) << failure;
    ASSERT_TRUE(postingBeganFirst);

    const auto manifest = orgdata::readManifest(folder);
    for (const auto& entry : manifest.entities) EXPECT_NO_THROW(orgdata::verifyEntityFile(folder, entry));

    std::set<std::int64_t> users, channels;
    for (const auto& user : rowsOf(folder, "core.users")) users.insert(user["id"].get<std::int64_t>());
    for (const auto& channel : rowsOf(folder, "chat.channels")) channels.insert(channel["id"].get<std::int64_t>());
    for (const auto& member : rowsOf(folder, "core.members")) EXPECT_TRUE(users.count(member["user"])) << member;
    for (const auto& member : rowsOf(folder, "chat.channel_members")) {
        EXPECT_TRUE(channels.count(member["channel"])) << member;
        EXPECT_TRUE(users.count(member["user"])) << member;
    }

    std::map<std::int64_t, std::vector<std::int64_t>> seqs;
    std::set<MessageKey> messages;
    for (const auto& message : rowsOf(folder, "chat.messages")) {
        const MessageKey key{message["channel"], message["seq"]};
        seqs[key.first].push_back(key.second);
        messages.insert(key);
        EXPECT_TRUE(users.count(message["author"])) << message;
        if (!message["parent_seq"].is_null()) {
            EXPECT_TRUE(messages.count({key.first, message["parent_seq"]})) << "a reply without parent: " << message;
        }
    }
    for (const auto& [channel, numbers] : seqs) {
        for (std::size_t i = 0; i < numbers.size(); ++i) {
            ASSERT_EQ(numbers[i], static_cast<std::int64_t>(i) + 1) << "a gap in channel " << channel;
        }
    }
    for (const auto& entity : {"chat.reactions", "chat.mentions"}) {
        for (const auto& row : rowsOf(folder, entity)) {
            EXPECT_TRUE(messages.count({row["channel"], row["seq"]})) << entity << " of a missing message: " << row;
            EXPECT_TRUE(users.count(row["user"])) << row;
        }
    }
    EXPECT_GT(messages.size(), static_cast<std::size_t>(kSeeded)) << "messages posted during the test are in";
}

TEST_P(ExportDuringTraffic, HoldsNothingCommittedAfterItBegan) {
    constexpr int kSeeded = 50;
    auto seeded = seedOrganization(stack_, kSeeded);
    const auto gate = dir_.path() / "gate";
    std::filesystem::create_directories(gate);
    const auto config = dir_.path() / "gated.yaml";
    std::ofstream(config) << "data_dir: \"" << (dir_.path() / "data").string() << "\"\n"
                          << "database:\n  url: \"" << database_.url() << "\"\n"
                          << "plugin_dirs:\n  - \"" << OCOMMS_TEST_INTEGRATION_PLUGIN_DIR << "\"\n"
                          << "plugins:\n  - name: export-gate\n    settings:\n      dir: \"" << gate.string()
                          << "\"\n  - name: chat\n";
    auto exported = std::async(std::launch::async, [&] {
        return runOcomms({"export", "--config", config.string(), "--org", "acme", "--out",
                          (dir_.path() / "out").string()});
    });
    ASSERT_TRUE(eventually([&] { return std::filesystem::exists(gate / "waiting"); })) << exported.get().output;

    auto& chat = stack_.chat();
    const auto general = seeded.channels.front();
    const auto first = chat.history(seeded.ann.id, general, {0, std::nullopt, 1}).messages.at(0);
    chat.edit(first.authorId, first.id, "edited while the export ran");
    chat.addReaction(seeded.bob.id, first.id, "🚀");
    chat.post(seeded.ann.id, general, {"posted while the export ran", std::nullopt, first.id});
    chat.createChannel(seeded.ann.id, seeded.acme.id, {chat::ChannelKind::Public, "later", std::nullopt, {}});
    std::ofstream(gate / "go") << "go\n";

    const auto result = exported.get();
    ASSERT_EQ(result.exitCode, 0) << result.output;
    std::filesystem::path folder;
    for (const auto& entry : std::filesystem::directory_iterator(dir_.path() / "out")) folder = entry.path();
    EXPECT_EQ(rowsOf(folder, "chat.messages").size(), static_cast<std::size_t>(kSeeded));
    EXPECT_EQ(rowsOf(folder, "chat.channels").size(), 5u);
    for (const auto& message : rowsOf(folder, "chat.messages")) {
        EXPECT_NE(message["text"], "edited while the export ran");
    }
    for (const auto& reaction : rowsOf(folder, "chat.reactions")) EXPECT_NE(reaction["emoji"], "🚀");
    EXPECT_EQ(stack_.count("SELECT count(*) FROM chat_messages"), kSeeded + 2) << "acme's new message and beta's";
}

INSTANTIATE_TEST_SUITE_P(Backends, ExportDuringTraffic, ::testing::Values(Dialect::Sqlite, Dialect::Postgres),
                         [](const auto& param) { return dialectName(param.param); });

}  // namespace
}  // namespace ocomms::test
