#include "http/RouteTable.hpp"

#include <atomic>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace ocomms::http {
namespace {

using Kind = RouteMatch::Kind;

/// A handler that answers with `name`, so a test can tell which route matched.
Handler answering(std::string name) {
    return [name = std::move(name)](const Request&) { return Response::text(name); };
}

std::string answerOf(const RouteMatch& match) {
    if (match.kind != Kind::Found || !match.handler) return "<no handler>";
    return match.handler(Request{}).body;
}

TEST(RouteTable, ExtractsAndPercentDecodesParameters) {
    RouteTable table;
    auto library = std::make_shared<int>(7);
    table.add("orgs", library, Method::Get, "/api/orgs/{org}/members/{user}", Access::Public, answering("members"));

    const RouteMatch match = table.match(Method::Get, "/api/orgs/acme%20inc/members/a%2Fb+c");

    ASSERT_EQ(match.kind, Kind::Found);
    EXPECT_EQ(answerOf(match), "members");
    EXPECT_EQ(match.params.at("org"), "acme inc");
    EXPECT_EQ(match.params.at("user"), "a/b+c");  // '+' is a space only in a query
    EXPECT_EQ(match.owner, "orgs");
    EXPECT_EQ(match.keepAlive, library);
}

TEST(RouteTable, RootPatternMatchesOnlyTheRoot) {
    RouteTable table;
    table.add("root", nullptr, Method::Get, "/", Access::Public, answering("root"));

    EXPECT_EQ(answerOf(table.match(Method::Get, "/")), "root");
    EXPECT_EQ(table.match(Method::Get, "/x").kind, Kind::NotFound);
}

TEST(RouteTable, MatchCarriesTheRouteAccess) {
    RouteTable table;
    table.add("p", nullptr, Method::Get, "/api/orgs/{org}/members", Access::Admin, answering("members"));
    table.add("p", nullptr, Method::Get, "/api/me", Access::SignedIn, answering("me"));
    EXPECT_EQ(table.match(Method::Get, "/api/orgs/acme/members").access, Access::Admin);
    EXPECT_EQ(table.match(Method::Get, "/api/me").access, Access::SignedIn);
}

TEST(RouteTable, OrganizationRolesNeedAnOrgSegment) {
    RouteTable table;
    for (const Access access : {Access::Member, Access::Admin, Access::Owner})
        EXPECT_THROW(table.add("p", nullptr, Method::Get, "/api/things/{id}", access, answering("x")),
                     std::invalid_argument);
    EXPECT_NO_THROW(table.add("p", nullptr, Method::Get, "/api/things/{id}", Access::SignedIn, answering("x")));
    EXPECT_NO_THROW(table.add("p", nullptr, Method::Get, "/api/things", Access::InstanceAdmin, answering("x")));
}

TEST(RouteTable, LiteralSegmentWinsOverParameterWhicheverIsAddedFirst) {
    RouteTable paramFirst;
    paramFirst.add("p", nullptr, Method::Get, "/users/{id}", Access::Public, answering("by id"));
    paramFirst.add("p", nullptr, Method::Get, "/users/me", Access::Public, answering("me"));
    RouteTable literalFirst;
    literalFirst.add("p", nullptr, Method::Get, "/users/me", Access::Public, answering("me"));
    literalFirst.add("p", nullptr, Method::Get, "/users/{id}", Access::Public, answering("by id"));

    for (const RouteTable* table : {&paramFirst, &literalFirst}) {
        EXPECT_EQ(answerOf(table->match(Method::Get, "/users/me")), "me");
        const RouteMatch byId = table->match(Method::Get, "/users/42");
        EXPECT_EQ(answerOf(byId), "by id");
        EXPECT_EQ(byId.params.at("id"), "42");
    }
}

TEST(RouteTable, ParameterMatchesWhereTheLiteralBranchLeadsNowhere) {
    RouteTable table;
    table.add("p", nullptr, Method::Get, "/a/b/c", Access::Public, answering("literal"));
    table.add("p", nullptr, Method::Get, "/a/{x}/d", Access::Public, answering("parameter"));

    const RouteMatch match = table.match(Method::Get, "/a/b/d");

    EXPECT_EQ(answerOf(match), "parameter");
    EXPECT_EQ(match.params.at("x"), "b");
}

TEST(RouteTable, LiteralMatchesThePathAsSentWithoutDecoding) {
    RouteTable table;
    table.add("p", nullptr, Method::Get, "/health", Access::Public, answering("health"));

    EXPECT_EQ(table.match(Method::Get, "/%68ealth").kind, Kind::NotFound);
}

TEST(RouteTable, PathsThatMatchNoPatternAreNotFound) {
    RouteTable table;
    table.add("p", nullptr, Method::Get, "/a", Access::Public, answering("a"));
    table.add("p", nullptr, Method::Get, "/a/{x}", Access::Public, answering("a/x"));

    for (const char* path : {"/b", "/a/", "/a/x/", "//a", "/a//", "", "a", "/a/x/y"}) {
        EXPECT_EQ(table.match(Method::Get, path).kind, Kind::NotFound) << "path '" << path << "'";
    }
}

TEST(RouteTable, MalformedPercentEscapeMatchesNothing) {
    RouteTable table;
    table.add("p", nullptr, Method::Get, "/files/{name}", Access::Public, answering("file"));

    EXPECT_EQ(table.match(Method::Get, "/files/%zz").kind, Kind::NotFound);
    EXPECT_EQ(table.match(Method::Get, "/files/a%4").kind, Kind::NotFound);
    EXPECT_EQ(table.match(Method::Get, "/files/a%41").params.at("name"), "aA");
}

TEST(RouteTable, OtherMethodIsNotAllowedWithTheSortedMethodsOfThePath) {
    RouteTable table;
    table.add("p", nullptr, Method::Delete, "/items/{id}", Access::Public, answering("delete"));
    table.add("p", nullptr, Method::Post, "/items/{id}", Access::Public, answering("post"));
    table.add("p", nullptr, Method::Get, "/items/{id}", Access::Public, answering("get"));

    const RouteMatch match = table.match(Method::Put, "/items/1");

    EXPECT_EQ(match.kind, Kind::MethodNotAllowed);
    EXPECT_EQ(match.allowed, (std::vector<Method>{Method::Get, Method::Head, Method::Post, Method::Delete}));
    EXPECT_FALSE(match.handler);
}

TEST(RouteTable, AllowListJoinsEveryPatternMatchingThePath) {
    RouteTable table;
    table.add("p", nullptr, Method::Get, "/items/new", Access::Public, answering("form"));
    table.add("p", nullptr, Method::Patch, "/items/{id}", Access::Public, answering("patch"));

    EXPECT_EQ(answerOf(table.match(Method::Patch, "/items/new")), "patch");
    EXPECT_EQ(table.match(Method::Delete, "/items/new").allowed,
              (std::vector<Method>{Method::Get, Method::Head, Method::Patch}));
}

TEST(RouteTable, HeadUsesTheGetRouteUnlessAHeadRouteExists) {
    RouteTable table;
    table.add("p", nullptr, Method::Get, "/a", Access::Public, answering("get a"));
    table.add("p", nullptr, Method::Get, "/b", Access::Public, answering("get b"));
    table.add("p", nullptr, Method::Head, "/b", Access::Public, answering("head b"));

    EXPECT_EQ(answerOf(table.match(Method::Head, "/a")), "get a");
    EXPECT_EQ(answerOf(table.match(Method::Head, "/b")), "head b");
    EXPECT_EQ(table.match(Method::Head, "/c").kind, Kind::NotFound);
}

TEST(RouteTable, DuplicateIsRejectedNamingTheOwnerEvenWithOtherParameterNames) {
    RouteTable table;
    table.add("first", nullptr, Method::Get, "/a/{id}", Access::Public, answering("first"));

    try {
        table.add("second", nullptr, Method::Get, "/a/{key}", Access::Public, answering("second"));
        FAIL() << "duplicate accepted";
    } catch (const std::invalid_argument& e) {
        EXPECT_NE(std::string(e.what()).find("'first'"), std::string::npos) << e.what();
    }
    EXPECT_THROW(table.add("first", nullptr, Method::Get, "/a/{id}", Access::Public, answering("again")), std::invalid_argument);
    EXPECT_NO_THROW(table.add("second", nullptr, Method::Post, "/a/{key}", Access::Public, answering("post")));

    const RouteMatch match = table.match(Method::Get, "/a/1");
    EXPECT_EQ(answerOf(match), "first");
    EXPECT_EQ(match.params.count("key"), 0u);
    EXPECT_EQ(table.match(Method::Post, "/a/1").params.at("key"), "1");
}

TEST(RouteTable, MalformedPatternsAreRejected) {
    RouteTable table;
    for (const char* pattern : {"", "a", "a/b", "/a/", "//a", "/a//b", "/{}", "/{1x}", "/{a-b}", "/x{a}", "/{a}x",
                                "/{a", "/a}", "/{a}/{a}", "/a%20b", "/a b", "/a?b", "/a#b"}) {
        EXPECT_THROW(table.add("p", nullptr, Method::Get, pattern, Access::Public, answering("x")), std::invalid_argument)
            << "pattern '" << pattern << "'";
    }
    EXPECT_THROW(table.add("p", nullptr, Method::Get, "/fine", Access::Public, Handler{}), std::invalid_argument);
    for (const char* pattern : {"/", "/{a}/{b}", "/v1.0/~x/{_id2}", "/a:b@c", "/$x"}) {
        EXPECT_NO_THROW(table.add("p", nullptr, Method::Get, pattern, Access::Public, answering("x"))) << "pattern '" << pattern << "'";
    }
}

TEST(RouteTable, RemoveOwnerRemovesOnlyThatOwnersRoutes) {
    RouteTable table;
    table.add("chat", nullptr, Method::Get, "/a", Access::Public, answering("chat get a"));
    table.add("chat", nullptr, Method::Get, "/a/{x}", Access::Public, answering("chat get a/x"));
    table.add("files", nullptr, Method::Post, "/a", Access::Public, answering("files post a"));
    table.add("files", nullptr, Method::Get, "/b", Access::Public, answering("files get b"));

    table.removeOwner("chat");

    const RouteMatch getA = table.match(Method::Get, "/a");
    EXPECT_EQ(getA.kind, Kind::MethodNotAllowed);
    EXPECT_EQ(getA.allowed, std::vector<Method>{Method::Post});
    EXPECT_EQ(table.match(Method::Get, "/a/1").kind, Kind::NotFound);
    EXPECT_EQ(answerOf(table.match(Method::Post, "/a")), "files post a");
    EXPECT_EQ(answerOf(table.match(Method::Get, "/b")), "files get b");
    EXPECT_NO_THROW(table.add("chat", nullptr, Method::Get, "/a/{y}", Access::Public, answering("chat again")));
}

TEST(RouteTable, RemovedRouteReleasesItsKeepAlive) {
    RouteTable table;
    auto library = std::make_shared<int>(1);
    table.add("p", library, Method::Get, "/a", Access::Public, answering("a"));
    EXPECT_EQ(library.use_count(), 2);

    table.removeOwner("p");

    EXPECT_EQ(library.use_count(), 1);
}

TEST(RouteTable, MatchesStayCorrectWhileOtherThreadsAddAndRemoveRoutes) {
    RouteTable table;
    table.add("stable", nullptr, Method::Get, "/stable/{id}", Access::Public, answering("stable"));
    std::atomic<bool> done{false};
    std::atomic<int> wrongMatches{0};

    std::vector<std::thread> readers;
    for (int r = 0; r < 2; ++r) {
        readers.emplace_back([&] {
            while (!done) {
                const RouteMatch match = table.match(Method::Get, "/stable/7");
                if (answerOf(match) != "stable" || match.params.at("id") != "7") ++wrongMatches;
                std::this_thread::yield();  // the shared_mutex favours readers; let the writers in
            }
        });
    }
    std::vector<std::thread> writers;
    for (int w = 0; w < 4; ++w) {
        writers.emplace_back([&table, w] {
            const std::string owner = "writer" + std::to_string(w);
            for (int round = 0; round < 20; ++round) {
                for (int i = 0; i < 10; ++i) {
                    table.add(owner, nullptr, Method::Get, "/w" + std::to_string(w) + "/r" + std::to_string(i) + "/{x}", Access::Public,
                              answering(owner));
                }
                table.removeOwner(owner);
            }
            for (int i = 0; i < 10; ++i) {
                table.add(owner, nullptr, Method::Get, "/w" + std::to_string(w) + "/r" + std::to_string(i) + "/{x}", Access::Public,
                          answering(owner));
            }
        });
    }
    for (auto& writer : writers) writer.join();
    done = true;
    for (auto& reader : readers) reader.join();

    EXPECT_EQ(wrongMatches, 0);
    for (int w = 0; w < 4; ++w) {
        for (int i = 0; i < 10; ++i) {
            EXPECT_EQ(answerOf(table.match(Method::Get, "/w" + std::to_string(w) + "/r" + std::to_string(i) + "/v")),
                      "writer" + std::to_string(w));
        }
    }
}

}  // namespace
}  // namespace ocomms::http
