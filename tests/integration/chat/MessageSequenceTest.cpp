// Sequence numbers under concurrent posting: every message of a channel gets the next number, once,
// whatever the number of writers, on each backend.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <latch>
#include <numeric>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "chat/ChatApiClient.hpp"

namespace ocomms::test {
namespace {

class MessageSequence : public ChatServerTest {};

TEST_P(MessageSequence, ConcurrentPostsGetContiguousSequenceNumbersOnce) {
    constexpr int kThreads = 8, kPostsEach = 25, kTotal = kThreads * kPostsEach;
    const auto channel = chat().newChannel(ann, "alpha", "busy")["id"].get<std::int64_t>();
    // A second channel written at the same time keeps its own numbering.
    const auto quiet = chat().newChannel(ann, "alpha", "quiet")["id"].get<std::int64_t>();
    for (const auto& who : {bob, cat}) {
        chat().channelAction(who, channel, "join");
        chat().channelAction(who, quiet, "join");
    }

    std::vector<std::vector<std::int64_t>> seqs(kThreads);
    std::vector<std::string> failures(kThreads);
    std::latch start(kThreads);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            const Account& author = t % 3 == 0 ? ann : t % 3 == 1 ? bob : cat;
            start.arrive_and_wait();
            try {
                for (int i = 0; i < kPostsEach; ++i) {
                    const auto text = "t" + std::to_string(t) + "-" + std::to_string(i);
                    seqs[t].push_back(chat().newMessage(author, channel, text,
                                                        {{"client_id", text}})["seq"].get<std::int64_t>());
                    if (i % 5 == 0) chat().newMessage(author, quiet, "quiet " + text);
                }
            } catch (const std::exception& e) {
                failures[t] = e.what();
            }
        });
    }
    for (auto& thread : threads) thread.join();
    for (const auto& failure : failures) ASSERT_EQ(failure, "");

    std::vector<std::int64_t> all;
    for (const auto& ofThread : seqs) {
        EXPECT_TRUE(std::is_sorted(ofThread.begin(), ofThread.end()));  // each writer's posts in its order
        all.insert(all.end(), ofThread.begin(), ofThread.end());
    }
    std::sort(all.begin(), all.end());
    std::vector<std::int64_t> expected(kTotal);
    std::iota(expected.begin(), expected.end(), 1);
    EXPECT_EQ(all, expected);

    // The history agrees: every number once, ascending, and the channel's last_seq is the last.
    std::vector<std::int64_t> stored;
    std::set<std::string> texts;
    std::int64_t after = 0;
    for (;;) {
        const auto page = ChatApiClient::expect(
            chat().history(bob, channel, "?after=" + std::to_string(after) + "&limit=" + std::to_string(kHistoryLimitMax)),
            200, "history");
        for (const auto& message : page["messages"]) {
            stored.push_back(message["seq"]);
            texts.insert(message["text"].get<std::string>());
        }
        if (!page["has_more"].get<bool>()) break;
        after = stored.back();
    }
    EXPECT_EQ(stored, expected);
    EXPECT_EQ(texts.size(), static_cast<std::size_t>(kTotal));
    EXPECT_EQ(ChatApiClient::expect(chat().channel(bob, channel), 200, "channel")["last_seq"], kTotal);
    EXPECT_EQ(ChatApiClient::expect(chat().channel(bob, quiet), 200, "channel")["last_seq"], kThreads * 5);
}

INSTANTIATE_TEST_SUITE_P(Backends, MessageSequence, ::testing::Values(Dialect::Sqlite, Dialect::Postgres),
                         [](const ::testing::TestParamInfo<Dialect>& dialect) { return dialectName(dialect.param); });

}  // namespace
}  // namespace ocomms::test
