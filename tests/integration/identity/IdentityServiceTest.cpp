#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <latch>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "db/ConnectionPool.hpp"
#include "db/Migrator.hpp"
#include "identity/IdentityService.hpp"
#include "identity/Timestamps.hpp"
#include "identity/Tokens.hpp"
#include "support/CapturingLogger.hpp"
#include "support/ErrorMessage.hpp"
#include "support/TestDatabases.hpp"

namespace ocomms::identity {
namespace {

using namespace std::chrono_literals;
using test::TestDatabase;

/// "status code" of the HttpError the action throws.
std::string failureOf(const std::function<void()>& action) {
    try {
        action();
    } catch (const http::HttpError& e) {
        return std::to_string(e.status()) + " " + e.code();
    }
    ADD_FAILURE() << "expected an HttpError";
    return {};
}

NewAccount account(const std::string& email, const std::string& name = "Ada Lovelace") {
    return {email, "correct horse battery", name};
}

class IdentityServiceTest : public ::testing::TestWithParam<Dialect> {
protected:
    IdentityServiceTest()
        : database_(TestDatabase::create(GetParam())),
          pool_(db::parseDatabaseUrl(database_.url()), 4, 10s, logger_) {
        pool_.open(5s);
        db::Migrator(pool_).apply({{"core", &ocomms_core_migrations}});
        settings_.openRegistration = true;
        service_ = std::make_unique<IdentityService>(pool_, settings_, logger_);
    }

    IssuedSession registerFirst(const std::string& email = "ada@example.com") {
        return service_->registerFirstUser(account(email), {"acme", "Acme Inc."});
    }

    OrganizationInfo acme() { return *service_->organization("acme"); }

    /// A user who joined acme through an invite with `role`.
    IssuedSession invited(const std::string& email, const std::string& name, Role role) {
        const IssuedInvite invite = service_->createInvite(acme().id, 1, role);
        return service_->registerWithInvite(account(email, name), invite.token);
    }

    long long queryNumber(const std::string& sql, const std::string& key) {
        long long value = -1;
        *pool_.session() << sql, soci::use(key), soci::into(value);
        return value;
    }
    std::string queryText(const std::string& sql, long long key) {
        std::string value;
        *pool_.session() << sql, soci::use(key), soci::into(value);
        return value;
    }
    void execute(const std::string& sql, long long number, const std::string& key) {
        *pool_.session() << sql, soci::use(number), soci::use(key);
    }
    long long sessionExpiry(const std::string& token) {
        return queryNumber("SELECT expires_at FROM sessions WHERE token_hash = :hash", tokenHash(token));
    }

    TestDatabase database_;
    test::CapturingLogger logger_;
    db::ConnectionPool pool_;
    IdentitySettings settings_;
    std::unique_ptr<IdentityService> service_;
};

TEST_P(IdentityServiceTest, FirstUserIsInstanceAdminAndOwnerAndSignedIn) {
    EXPECT_FALSE(service_->hasUsers());
    const IssuedSession first = registerFirst();

    EXPECT_TRUE(service_->hasUsers());
    EXPECT_TRUE(first.user.instanceAdmin);
    EXPECT_EQ(first.token.size(), 43u);
    const auto expectedExpiry = Clock::now() + settings_.sessionTtl;
    EXPECT_LT(std::chrono::abs(first.expiresAt - expectedExpiry), 5s);
    const auto authenticated = service_->authenticate(first.token);
    ASSERT_TRUE(authenticated);
    EXPECT_EQ(authenticated->id, first.user.id);
    EXPECT_EQ(authenticated->email, "ada@example.com");

    const auto memberships = service_->membershipsOf(first.user.id);
    ASSERT_EQ(memberships.size(), 1u);
    EXPECT_EQ(memberships[0].organization.slug, "acme");
    EXPECT_EQ(memberships[0].organization.name, "Acme Inc.");
    EXPECT_EQ(memberships[0].role, Role::Owner);
    EXPECT_EQ(service_->roleIn(first.user.id, memberships[0].organization.id), Role::Owner);

    EXPECT_EQ(failureOf([&] { service_->registerFirstUser(account("bob@example.com"), {"other", "Other"}); }),
              "409 already_initialized");
    EXPECT_FALSE(service_->organization("other"));
}

// Several threads, so that some of their transactions overlap despite the jitter of hashing beforehand.
TEST_P(IdentityServiceTest, RacingFirstRegistrationsHaveOneWinner) {
    constexpr int kRacers = 8;
    std::latch start(kRacers);
    std::vector<std::string> outcomes(kRacers);
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < kRacers; ++i) {
        threads.emplace_back([&, i] {
            start.arrive_and_wait();
            try {
                const std::string n = std::to_string(i);
                service_->registerFirstUser(account("user" + n + "@example.com"), {"org-" + n, "Org " + n});
                outcomes[i] = "ok";
            } catch (const http::HttpError& e) {
                outcomes[i] = e.code();
            } catch (const std::exception& e) {
                outcomes[i] = std::string("unexpected: ") + e.what();
            }
        });
    }
    for (auto& thread : threads) thread.join();

    std::vector<std::string> expected(kRacers, "already_initialized");
    expected.back() = "ok";
    std::sort(outcomes.begin(), outcomes.end());
    EXPECT_EQ(outcomes, expected);
    EXPECT_EQ(service_->listUsers().size(), 1u);
}

TEST_P(IdentityServiceTest, EmailIsUniqueRegardlessOfCase) {
    registerFirst("ada@example.com");
    EXPECT_EQ(failureOf([&] { service_->registerOpen(account(" ADA@Example.com")); }), "409 email_taken");
    const IssuedSession bob = service_->registerOpen(account("Bob@Example.com", "Bob"));
    EXPECT_FALSE(bob.user.instanceAdmin);
    EXPECT_TRUE(service_->membershipsOf(bob.user.id).empty());
    const auto found = service_->userByEmail("bob@EXAMPLE.com");
    ASSERT_TRUE(found);
    EXPECT_EQ(found->user.email, "Bob@Example.com") << "kept as given";
}

TEST_P(IdentityServiceTest, CreatedUserIsInstanceAdminOnlyWhenFirst) {
    const UserInfo first = service_->createUser(account("root@example.com", "Root"));
    const UserInfo second = service_->createUser(account("Bob@example.com", "Bob"));
    EXPECT_TRUE(first.instanceAdmin);
    EXPECT_FALSE(second.instanceAdmin);
    EXPECT_EQ(failureOf([&] { service_->createUser(account("bob@EXAMPLE.com")); }), "409 email_taken");
    EXPECT_NO_THROW(service_->login("bob@example.com", "correct horse battery"));
    EXPECT_EQ(failureOf([&] { registerFirst(); }), "409 already_initialized");
}

TEST_P(IdentityServiceTest, OpenRegistrationIsRefusedUnlessConfigured) {
    registerFirst();
    IdentitySettings closed = settings_;
    closed.openRegistration = false;
    IdentityService service(pool_, closed, logger_);
    EXPECT_EQ(failureOf([&] { service.registerOpen(account("bob@example.com")); }), "403 registration_closed");
}

TEST_P(IdentityServiceTest, InvalidInputIsRefusedBeforeAnythingIsStored) {
    EXPECT_EQ(test::errorMessageOf<http::HttpError>(
                  [&] { service_->registerFirstUser({"ada@example.com", "short", "Ada"}, {"acme", "Acme"}); }),
              "password: must be at least 10 characters");
    EXPECT_EQ(failureOf([&] { service_->registerFirstUser(account("ada@example.com"), {"Acme", "Acme"}); }),
              "400 invalid_field");
    EXPECT_FALSE(service_->hasUsers());
}

TEST_P(IdentityServiceTest, LoginFailsTheSameWayForUnknownEmailWrongPasswordAndDeactivatedUser) {
    const IssuedSession ada = registerFirst();
    const IssuedSession bob = service_->registerOpen(account("bob@example.com", "Bob"));
    service_->deactivate(bob.user.id);

    for (const auto& [email, password] : std::vector<std::pair<std::string, std::string>>{
             {"nobody@example.com", "correct horse battery"},
             {"ada@example.com", "wrong horse battery"},
             {"bob@example.com", "correct horse battery"}}) {
        try {
            service_->login(email, password);
            ADD_FAILURE() << email << " signed in";
        } catch (const http::HttpError& e) {
            EXPECT_EQ(e.status(), 401) << email;
            EXPECT_EQ(e.code(), "invalid_credentials") << email;
            EXPECT_STREQ(e.what(), "wrong email or password") << email;
        }
    }

    const IssuedSession first = service_->login("ADA@example.com", "correct horse battery");
    const IssuedSession second = service_->login("ada@example.com", "correct horse battery");
    EXPECT_EQ(first.user.id, ada.user.id);
    EXPECT_NE(first.token, second.token) << "a new token at every sign-in";
    EXPECT_TRUE(service_->authenticate(first.token));
    EXPECT_TRUE(service_->authenticate(second.token));
}

TEST_P(IdentityServiceTest, LoginRehashesAPasswordHashedWithAWeakerCost) {
    const IssuedSession ada = registerFirst();
    const std::string select = "SELECT password_hash FROM users WHERE id = :id";
    EXPECT_NE(queryText(select, ada.user.id).find("m=19456,t=2,"), std::string::npos);

    IdentitySettings stronger = settings_;
    stronger.passwordCost.iterations = 3;
    IdentityService strongerService(pool_, stronger, logger_);
    strongerService.login("ada@example.com", "correct horse battery");

    const std::string rehashed = queryText(select, ada.user.id);
    EXPECT_NE(rehashed.find("m=19456,t=3,"), std::string::npos) << rehashed;
    EXPECT_NO_THROW(strongerService.login("ada@example.com", "correct horse battery"));
    EXPECT_EQ(queryText(select, ada.user.id), rehashed) << "no rehash once the cost matches";
}

TEST_P(IdentityServiceTest, OnlyTheTokensHashIsStored) {
    const IssuedSession ada = registerFirst();
    EXPECT_EQ(queryNumber("SELECT count(*) FROM sessions WHERE token_hash = :hash", tokenHash(ada.token)), 1);
    EXPECT_EQ(queryNumber("SELECT count(*) FROM sessions WHERE token_hash = :token", ada.token), 0);
    EXPECT_FALSE(service_->authenticate(ada.token + "x"));
    EXPECT_FALSE(service_->authenticate(""));
}

TEST_P(IdentityServiceTest, AuthenticateSlidesTheExpiryButWritesItAtMostAboutOnceAMinute) {
    const IssuedSession ada = registerFirst();
    const long long full = epochSeconds(Clock::now() + settings_.sessionTtl);
    const std::string update = "UPDATE sessions SET expires_at = :expires WHERE token_hash = :hash";

    execute(update, full - 30, tokenHash(ada.token));
    EXPECT_TRUE(service_->authenticate(ada.token));
    EXPECT_EQ(sessionExpiry(ada.token), full - 30) << "30 s behind: not written";

    execute(update, full - 3600, tokenHash(ada.token));
    EXPECT_TRUE(service_->authenticate(ada.token));
    EXPECT_GE(sessionExpiry(ada.token), full) << "an hour behind: extended to now + ttl";
    EXPECT_LE(sessionExpiry(ada.token), full + 5);

    execute(update, epochSeconds(Clock::now()) - 1, tokenHash(ada.token));
    EXPECT_FALSE(service_->authenticate(ada.token)) << "expired";
}

TEST_P(IdentityServiceTest, LogoutRevokesOnlyThatSession) {
    const IssuedSession first = registerFirst();
    const IssuedSession second = service_->login("ada@example.com", "correct horse battery");
    service_->logout(first.token);
    EXPECT_FALSE(service_->authenticate(first.token));
    EXPECT_TRUE(service_->authenticate(second.token));
    EXPECT_NO_THROW(service_->logout(first.token));
    EXPECT_NO_THROW(service_->logout("unknown"));
}

TEST_P(IdentityServiceTest, SetPasswordRevokesEverySessionAndClearsMustReset) {
    const IssuedSession ada = registerFirst();
    const IssuedSession other = service_->login("ada@example.com", "correct horse battery");
    *pool_.session() << "UPDATE users SET must_reset_password = 1";
    ASSERT_TRUE(service_->userByEmail("ada@example.com")->mustResetPassword);

    service_->setPassword(ada.user.id, "a brand new passphrase");

    EXPECT_FALSE(service_->authenticate(ada.token));
    EXPECT_FALSE(service_->authenticate(other.token));
    EXPECT_FALSE(service_->userByEmail("ada@example.com")->mustResetPassword);
    EXPECT_EQ(failureOf([&] { service_->login("ada@example.com", "correct horse battery"); }),
              "401 invalid_credentials");
    EXPECT_NO_THROW(service_->login("ada@example.com", "a brand new passphrase"));
    EXPECT_EQ(failureOf([&] { service_->setPassword(ada.user.id, "short"); }), "400 invalid_field");
    EXPECT_EQ(failureOf([&] { service_->setPassword(999, "a brand new passphrase"); }), "404 user_not_found");
}

TEST_P(IdentityServiceTest, DeactivatedUserIsSignedOutAndHiddenFromMembers) {
    const IssuedSession ada = registerFirst();
    const IssuedSession bob = invited("bob@example.com", "Bob", Role::Member);
    ASSERT_EQ(service_->members(acme().id).size(), 2u);

    service_->deactivate(bob.user.id);

    EXPECT_FALSE(service_->authenticate(bob.token));
    EXPECT_FALSE(service_->user(bob.user.id));
    EXPECT_TRUE(service_->user(ada.user.id));
    const auto members = service_->members(acme().id);
    ASSERT_EQ(members.size(), 1u);
    EXPECT_EQ(members[0].user.id, ada.user.id);
    const auto summary = service_->userByEmail("bob@example.com");
    ASSERT_TRUE(summary);
    EXPECT_TRUE(summary->deactivated);
    EXPECT_EQ(failureOf([&] { service_->deactivate(999); }), "404 user_not_found");
}

TEST_P(IdentityServiceTest, MembersAreOrderedByDisplayName) {
    registerFirst();  // "Ada Lovelace"
    invited("zed@example.com", "zed", Role::Member);
    invited("bea@example.com", "Bea", Role::Admin);
    std::vector<std::string> names;
    std::vector<Role> roles;
    for (const MemberInfo& member : service_->members(acme().id)) {
        names.push_back(member.user.displayName);
        roles.push_back(member.role);
    }
    EXPECT_EQ(names, (std::vector<std::string>{"Ada Lovelace", "Bea", "zed"}));
    EXPECT_EQ(roles, (std::vector<Role>{Role::Owner, Role::Admin, Role::Member}));
}

TEST_P(IdentityServiceTest, OrganizationsOfAUserAreHisMembershipsOrderedByName) {
    const IssuedSession ada = registerFirst();
    const IssuedSession bea = invited("bea@example.com", "Bea", Role::Member);
    service_->createOrganization(ada.user.id, {"zeta", "Zeta"});
    service_->createOrganization(ada.user.id, {"beta", "Beta"});
    std::vector<std::string> slugs;
    for (const OrganizationInfo& organization : service_->organizationsOf(ada.user.id)) {
        slugs.push_back(organization.slug);
    }
    EXPECT_EQ(slugs, (std::vector<std::string>{"acme", "beta", "zeta"}));
    ASSERT_EQ(service_->organizationsOf(bea.user.id).size(), 1u);
    EXPECT_EQ(service_->organizationsOf(bea.user.id).front().id, acme().id);
    EXPECT_TRUE(service_->organizationsOf(999).empty());
}

TEST_P(IdentityServiceTest, InviteIsOneTimeAndExpires) {
    const IssuedSession ada = registerFirst();
    EXPECT_EQ(failureOf([&] { service_->createInvite(acme().id, ada.user.id, Role::Owner); }), "400 invalid_field");
    EXPECT_EQ(failureOf([&] { service_->createInvite(999, ada.user.id, Role::Member); }),
              "404 organization_not_found");

    const IssuedInvite invite = service_->createInvite(acme().id, ada.user.id, Role::Admin);
    EXPECT_EQ(invite.token.size(), 43u);
    EXPECT_LT(std::chrono::abs(invite.expiresAt - (Clock::now() + settings_.inviteTtl)), 5s);
    const IssuedSession bob = service_->registerWithInvite(account("bob@example.com", "Bob"), invite.token);
    EXPECT_EQ(service_->roleIn(bob.user.id, acme().id), Role::Admin);
    EXPECT_TRUE(service_->authenticate(bob.token));

    EXPECT_EQ(failureOf([&] { service_->registerWithInvite(account("cy@example.com"), invite.token); }),
              "404 invite_not_found");
    EXPECT_EQ(failureOf([&] { service_->registerWithInvite(account("cy@example.com"), "no-such-token"); }),
              "404 invite_not_found");

    const IssuedInvite expiring = service_->createInvite(acme().id, ada.user.id, Role::Member);
    execute("UPDATE invites SET expires_at = :expires WHERE token_hash = :hash", epochSeconds(Clock::now()) - 1,
            tokenHash(expiring.token));
    EXPECT_EQ(failureOf([&] { service_->registerWithInvite(account("cy@example.com"), expiring.token); }),
              "410 invite_expired");
    EXPECT_FALSE(service_->userByEmail("cy@example.com")) << "nothing is kept of a refused registration";

    const IssuedInvite forTaken = service_->createInvite(acme().id, ada.user.id, Role::Member);
    EXPECT_EQ(failureOf([&] { service_->registerWithInvite(account("BOB@example.com"), forTaken.token); }),
              "409 email_taken");
    EXPECT_NO_THROW(service_->registerWithInvite(account("cy@example.com"), forTaken.token))
        << "a refused registration does not use the invite up";
}

TEST_P(IdentityServiceTest, ExistingUserAcceptsAnInviteOnce) {
    const IssuedSession ada = registerFirst();
    const IssuedSession bob = service_->registerOpen(account("bob@example.com", "Bob"));
    const OrganizationInfo beta = service_->createOrganization(bob.user.id, {"beta", "Beta"});
    EXPECT_EQ(failureOf([&] { service_->createOrganization(bob.user.id, {"beta", "Beta again"}); }),
              "409 slug_taken");

    const IssuedInvite invite = service_->createInvite(beta.id, bob.user.id, Role::Member);
    EXPECT_EQ(failureOf([&] { service_->acceptInvite(invite.token, bob.user.id); }), "409 already_member");
    const OrganizationInfo joined = service_->acceptInvite(invite.token, ada.user.id);
    EXPECT_EQ(joined.slug, "beta");
    EXPECT_EQ(service_->roleIn(ada.user.id, beta.id), Role::Member);
    EXPECT_EQ(failureOf([&] { service_->acceptInvite(invite.token, ada.user.id); }), "404 invite_not_found");

    const auto memberships = service_->membershipsOf(ada.user.id);
    ASSERT_EQ(memberships.size(), 2u);
    EXPECT_EQ(memberships[0].organization.slug, "acme");
    EXPECT_EQ(memberships[1].organization.slug, "beta");
}

TEST_P(IdentityServiceTest, AnOrganizationNeverLosesItsLastOwner) {
    const IssuedSession ada = registerFirst();
    const IssuedSession bob = invited("bob@example.com", "Bob", Role::Member);
    const long long org = acme().id;

    EXPECT_EQ(failureOf([&] { service_->changeRole(org, ada.user.id, Role::Admin); }), "409 last_owner");
    EXPECT_EQ(failureOf([&] { service_->removeMember(org, ada.user.id); }), "409 last_owner");
    EXPECT_EQ(failureOf([&] { service_->changeRole(org, 999, Role::Admin); }), "404 member_not_found");
    EXPECT_EQ(failureOf([&] { service_->removeMember(org, 999); }), "404 member_not_found");

    service_->changeRole(org, bob.user.id, Role::Owner);
    service_->changeRole(org, ada.user.id, Role::Member);
    EXPECT_EQ(service_->roleIn(ada.user.id, org), Role::Member);

    service_->deactivate(bob.user.id);
    service_->changeRole(org, ada.user.id, Role::Owner);
    EXPECT_NO_THROW(service_->removeMember(org, bob.user.id)) << "a deactivated owner leaves an active one";
    EXPECT_FALSE(service_->roleIn(bob.user.id, org));
    EXPECT_EQ(failureOf([&] { service_->removeMember(org, ada.user.id); }), "409 last_owner");
}

TEST_P(IdentityServiceTest, TwoOwnersSteppingDownAtOnceLeaveOneOwner) {
    const IssuedSession ada = registerFirst();
    const IssuedSession bob = invited("bob@example.com", "Bob", Role::Admin);
    const long long org = acme().id;
    const std::vector<long long> owners{ada.user.id, bob.user.id};
    for (int round = 0; round < 20; ++round) {
        service_->changeRole(org, bob.user.id, Role::Owner);
        service_->changeRole(org, ada.user.id, Role::Owner);
        std::latch start(2);
        std::vector<std::string> outcomes(2);
        std::vector<std::thread> threads;
        for (std::size_t i = 0; i < 2; ++i) {
            threads.emplace_back([&, i] {
                start.arrive_and_wait();
                try {
                    service_->changeRole(org, owners[i], Role::Member);
                    outcomes[i] = "ok";
                } catch (const http::HttpError& e) {
                    outcomes[i] = e.code();
                } catch (const std::exception& e) {
                    outcomes[i] = std::string("unexpected: ") + e.what();
                }
            });
        }
        for (auto& thread : threads) thread.join();
        std::sort(outcomes.begin(), outcomes.end());
        ASSERT_EQ(outcomes, (std::vector<std::string>{"last_owner", "ok"})) << "round " << round;
    }
}

INSTANTIATE_TEST_SUITE_P(Dialects, IdentityServiceTest, ::testing::Values(Dialect::Sqlite, Dialect::Postgres),
                         [](const ::testing::TestParamInfo<Dialect>& dialect) { return test::dialectName(dialect.param); });

}  // namespace
}  // namespace ocomms::identity
