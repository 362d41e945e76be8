// Full-text search of messages through the REST API, on each backend (PostgreSQL text search, SQLite
// FTS5): words, visibility, deleted and edited messages, order, and queries full of search syntax.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "chat/ChatApiClient.hpp"

namespace ocomms::test {
namespace {

class SearchApi : public ChatServerTest {
protected:
    /// The texts found for `query` (already URL-encoded) by `who` in alpha, as returned.
    std::vector<std::string> found(const Account& who, const std::string& query) const {
        const auto r = chat().search(who, "alpha", "q=" + query);
        if (r.status != 200) throw std::runtime_error("search '" + query + "': " + std::to_string(r.status) + " " + r.body);
        std::vector<std::string> texts;
        const auto body = jsonOf(r);
        for (const auto& message : body["messages"]) texts.push_back(message["text"]);
        return texts;
    }
};

TEST_P(SearchApi, FindsMessagesWithEveryWordNewestFirstInChannelsTheCallerCanSee) {
    const auto general = chat().newChannel(ann, "alpha", "general")["id"].get<std::int64_t>();
    const auto secret = chat().newChannel(ann, "alpha", "secret", "private")["id"].get<std::int64_t>();
    const auto betaChannel = chat().newChannel(ann, "beta", "beta-general")["id"].get<std::int64_t>();
    chat().newMessage(ann, general, "the deploy is green");
    chat().newMessage(ann, general, "Deploy failed on staging");
    chat().newMessage(ann, secret, "secret deploy plans");
    chat().newMessage(ann, betaChannel, "deploy in beta");
    chat().newMessage(ann, general, "nothing to see");

    // bob is not a member of general, but it is public.
    EXPECT_EQ(found(bob, "deploy"), (std::vector<std::string>{"Deploy failed on staging", "the deploy is green"}));
    EXPECT_EQ(found(ann, "deploy"),
              (std::vector<std::string>{"secret deploy plans", "Deploy failed on staging", "the deploy is green"}));
    EXPECT_EQ(found(ann, "deploy%20green"), (std::vector<std::string>{"the deploy is green"}));
    EXPECT_TRUE(found(ann, "deploy%20purple").empty());

    const auto r = chat().search(bob, "alpha", "q=staging");
    const auto hit = jsonOf(r)["messages"][0];
    EXPECT_EQ(hit["channel_id"], general);
    EXPECT_EQ(hit["author_id"], ann.id);
    EXPECT_EQ(hit["seq"], 2);

    EXPECT_EQ(chat().search(dan, "alpha", "q=deploy").status, 404);
    const auto limited = chat().search(ann, "alpha", "q=deploy&limit=1");
    EXPECT_EQ(jsonOf(limited)["messages"].size(), 1u);
}

TEST_P(SearchApi, DeletedMessagesNeverMatchAndEditedOnesMatchTheirNewText) {
    const auto general = chat().newChannel(ann, "alpha", "general")["id"].get<std::int64_t>();
    const auto gone = chat().newMessage(ann, general, "remove this rhubarb")["id"].get<std::int64_t>();
    const auto changed = chat().newMessage(ann, general, "old wording")["id"].get<std::int64_t>();
    ASSERT_EQ(chat().message("DELETE", ann, gone).status, 200);
    ASSERT_EQ(chat().message("PATCH", ann, changed, "", {{"text", "new phrasing"}}).status, 200);
    EXPECT_TRUE(found(ann, "rhubarb").empty());
    EXPECT_TRUE(found(ann, "wording").empty());
    EXPECT_EQ(found(ann, "phrasing"), (std::vector<std::string>{"new phrasing"}));
}

TEST_P(SearchApi, SearchSyntaxInTheQueryIsOnlyText) {
    const auto general = chat().newChannel(ann, "alpha", "general")["id"].get<std::int64_t>();
    chat().newMessage(ann, general, "meet NEAR(the) fountain");
    chat().newMessage(ann, general, "say \"cheese\" now");
    chat().newMessage(ann, general, "ordinary words");
    // ", NEAR(, AND, OR, NOT, *, -, ^, :, parentheses, unbalanced quotes: none of them is an error.
    for (const auto* query : {"%22", "NEAR(", "NEAR(the", "%22cheese", "cheese%22%22", "AND", "OR%20NOT", "*", "-words",
                              "%5Eordinary", "text:ordinary", "(words", "words)", "%27", "%5C", "%25"}) {
        const auto r = chat().search(ann, "alpha", std::string("q=") + query);
        EXPECT_EQ(r.status, 200) << query << " " << r.body;
    }
    EXPECT_EQ(found(ann, "NEAR(the"), (std::vector<std::string>{"meet NEAR(the) fountain"}));
    EXPECT_EQ(found(ann, "%22cheese%22"), (std::vector<std::string>{"say \"cheese\" now"}));
    EXPECT_EQ(found(ann, "ordinary%20AND"), std::vector<std::string>{});  // "and" is a word to find, not an operator
}

TEST_P(SearchApi, BadQueriesNameTheParameter) {
    const auto missing = chat().search(ann, "alpha", "");
    EXPECT_EQ(missing.status, 400);
    EXPECT_EQ(errorMessageOf(missing), "q: is required");
    EXPECT_EQ(errorMessageOf(chat().search(ann, "alpha", "q=%20%20")), "q: must contain a word to search for");
    EXPECT_EQ(errorMessageOf(chat().search(ann, "alpha", "q=" + std::string(501, 'x'))),
              "q: must be at most 500 bytes");
    EXPECT_EQ(errorMessageOf(chat().search(ann, "alpha", "q=x&limit=0")), "limit: must be 1 to 100");
    EXPECT_EQ(errorMessageOf(chat().search(ann, "alpha", "q=x&limit=many")), "limit: must be an integer");
}

INSTANTIATE_TEST_SUITE_P(Backends, SearchApi, ::testing::Values(Dialect::Sqlite, Dialect::Postgres),
                         [](const ::testing::TestParamInfo<Dialect>& dialect) { return dialectName(dialect.param); });

}  // namespace
}  // namespace ocomms::test
