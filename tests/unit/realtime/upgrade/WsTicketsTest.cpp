#include "realtime/upgrade/WsTickets.hpp"

#include <set>
#include <string>

#include <gtest/gtest.h>

namespace ocomms::realtime {
namespace {

using namespace std::chrono_literals;

const std::string kSecret(40, 's');
const std::string kOtherSecret(40, 'o');

/// A clock the test moves by hand.
struct ManualClock {
    WsTickets::Clock::time_point now = WsTickets::Clock::time_point(1'700'000'000s);
    WsTickets::Now function() {
        return [this] { return now; };
    }
};

TEST(WsTickets, ValidTicketRedeemsAsTheUserItWasIssuedFor) {
    ManualClock clock;
    WsTickets tickets(kSecret, 30s, clock.function());
    const WsTicket seven = tickets.issue(7);
    const WsTicket eight = tickets.issue(8);
    EXPECT_EQ(seven.expiresAt, clock.now + 30s);

    const auto redeemedSeven = tickets.redeem(seven.text);
    EXPECT_EQ(redeemedSeven.status, TicketStatus::Valid);
    EXPECT_EQ(redeemedSeven.userId, 7);
    const auto redeemedEight = tickets.redeem(eight.text);
    EXPECT_EQ(redeemedEight.status, TicketStatus::Valid);
    EXPECT_EQ(redeemedEight.userId, 8);
}

TEST(WsTickets, TicketsAreUrlSafeAndEachOneDiffers) {
    WsTickets tickets(kSecret, 30s);
    std::set<std::string> seen;
    for (int i = 0; i < 100; ++i) {
        const std::string text = tickets.issue(1).text;
        EXPECT_EQ(text.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
                  std::string::npos)
            << text;
        EXPECT_TRUE(seen.insert(text).second) << "a ticket repeated";
    }
}

TEST(WsTickets, TicketIsRefusedFromItsExpiryOn) {
    ManualClock clock;
    WsTickets tickets(kSecret, 30s, clock.function());
    const WsTicket early = tickets.issue(7);
    const WsTicket late = tickets.issue(7);

    clock.now += 30s - 1ms;
    EXPECT_EQ(tickets.redeem(early.text).status, TicketStatus::Valid);
    clock.now += 1ms;
    EXPECT_EQ(tickets.redeem(late.text).status, TicketStatus::Expired);
}

TEST(WsTickets, TicketIsUsedOnlyOnce) {
    WsTickets tickets(kSecret, 30s);
    const WsTicket ticket = tickets.issue(7);
    EXPECT_EQ(tickets.redeem(ticket.text).status, TicketStatus::Valid);
    const auto again = tickets.redeem(ticket.text);
    EXPECT_EQ(again.status, TicketStatus::AlreadyUsed);
    EXPECT_EQ(again.userId, 0);
}

TEST(WsTickets, EveryAlteredCharacterMakesTheTicketInvalid) {
    WsTickets tickets(kSecret, 30s);
    const std::string original = tickets.issue(7).text;
    for (std::size_t i = 0; i < original.size(); ++i) {
        std::string altered = original;
        altered[i] = altered[i] == 'A' ? 'B' : 'A';
        EXPECT_EQ(tickets.redeem(altered).status, TicketStatus::Invalid) << "position " << i;
    }
    EXPECT_EQ(tickets.redeem(original).status, TicketStatus::Valid) << "a refused alteration used the ticket up";
}

TEST(WsTickets, MalformedTextIsInvalid) {
    WsTickets tickets(kSecret, 30s);
    const std::string valid = tickets.issue(7).text;
    for (const std::string& text : {std::string(), std::string("x"), valid.substr(1), valid + "A",
                                    std::string(valid.size(), '!'), valid.substr(0, valid.size() - 1) + "="}) {
        EXPECT_EQ(tickets.redeem(text).status, TicketStatus::Invalid) << text;
    }
}

TEST(WsTickets, TicketSignedWithAnotherSecretIsInvalid) {
    WsTickets issuer(kOtherSecret, 30s);
    WsTickets verifier(kSecret, 30s);
    EXPECT_EQ(verifier.redeem(issuer.issue(7).text).status, TicketStatus::Invalid);
}

TEST(WsTickets, NodesSharingTheSecretAcceptEachOthersTickets) {
    WsTickets first(kSecret, 30s);
    WsTickets second(kSecret, 30s);
    const auto redeemed = second.redeem(first.issue(7).text);
    EXPECT_EQ(redeemed.status, TicketStatus::Valid);
    EXPECT_EQ(redeemed.userId, 7);
}

TEST(WsTickets, WithoutASecretEachProcessKeyIsItsOwn) {
    WsTickets first("", 30s);
    WsTickets second("", 30s);
    EXPECT_TRUE(first.usesProcessKey());
    EXPECT_FALSE(WsTickets(kSecret, 30s).usesProcessKey());
    const WsTicket ticket = first.issue(7);
    EXPECT_EQ(second.redeem(ticket.text).status, TicketStatus::Invalid);
    EXPECT_EQ(first.redeem(ticket.text).status, TicketStatus::Valid);
}

TEST(WsTickets, UsedTicketsAreForgottenOnceExpiredSoMemoryStaysBounded) {
    ManualClock clock;
    WsTickets tickets(kSecret, 30s, clock.function());
    for (std::size_t i = 0; i < WsTickets::kMaxRememberedTickets; ++i)
        ASSERT_EQ(tickets.redeem(tickets.issue(1).text).status, TicketStatus::Valid) << i;
    // Full of unexpired used tickets: a new one is refused rather than the memory grown.
    EXPECT_EQ(tickets.redeem(tickets.issue(1).text).status, TicketStatus::TooManyInUse);

    clock.now += 30s;  // every remembered ticket has now expired
    EXPECT_EQ(tickets.redeem(tickets.issue(1).text).status, TicketStatus::Valid);
}

}  // namespace
}  // namespace ocomms::realtime
