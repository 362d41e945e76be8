// The chat domain: channels, membership, messages, threads, reactions, read markers and search, each
// action with its checks, for a user who acts. REST routes and realtime handlers both call it.
//
// Rules every action follows:
//  - a channel the user may not see (another organization's, a private or direct one they are not a
//    member of, one that does not exist) is 404 `channel_not_found`, and a message in one is 404
//    `message_not_found`, so that existence never leaks; a visible channel where the action is not
//    allowed is 403 (`forbidden`, or `not_a_member` for members-only actions);
//  - every change is committed before its events are published (hub events after commit; the event bus
//    gets `message.will_post` before the insert and `message.posted`/`updated`/`deleted` after);
//  - identity is asked before a database session is leased, never while one is held, so that requests
//    cannot exhaust the pool waiting for each other.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <ocomms/database.hpp>
#include <ocomms/events.hpp>
#include <ocomms/identity.hpp>
#include <ocomms/realtime.hpp>

#include "ChannelLocks.hpp"
#include "ChatLimits.hpp"
#include "model/Channel.hpp"
#include "model/Message.hpp"
#include "realtime/Broadcaster.hpp"

namespace ocomms::chat {

struct NewChannelRequest {
    ChannelKind kind = ChannelKind::Public;
    std::optional<std::string> name;   ///< required for public and private channels; none for direct
    std::optional<std::string> topic;
    std::vector<std::int64_t> members;  ///< more members besides the creator
};

struct ChannelChange {
    std::optional<std::string> name;
    std::optional<std::string> topic;  ///< "" clears it
};

struct PostRequest {
    std::string text;
    std::optional<std::string> clientId;  ///< makes a retry idempotent
    std::optional<std::int64_t> parentId;  ///< a reply in the thread of this message
};

struct HistoryRequest {
    std::optional<std::int64_t> after;   ///< messages with a greater sequence number, oldest first
    std::optional<std::int64_t> before;  ///< the newest messages with a smaller sequence number
    std::optional<std::int64_t> limit;   ///< default 50
};

struct HistoryPage {
    std::vector<Message> messages;  ///< ascending sequence numbers
    bool hasMore = false;           ///< more messages lie beyond the page, in the direction asked
};

struct Thread {
    Message parent;
    std::vector<Message> replies;  ///< ascending sequence numbers
};

/// A result, and whether the action created it (201) or found it already there (200).
template <typename T>
struct Outcome {
    T value;
    bool created = true;
};

struct MemberPresence {
    std::int64_t userId = 0;
    realtime::PresenceStatus status = realtime::PresenceStatus::Offline;
};

class ChatService {
public:
    /// `presence` is null on a host without the realtime hub.
    ChatService(Database& database, Identity& identity, EventBus& events, Broadcaster& broadcaster,
                realtime::Presence* presence, ChatLimits limits);

    // ---- channels ----
    /// A direct channel with the same members as an existing one is that channel (created = false).
    Outcome<ChannelView> createChannel(std::int64_t userId, std::int64_t organizationId, NewChannelRequest request);
    std::vector<ChannelView> listChannels(std::int64_t userId, std::int64_t organizationId);
    ChannelView channel(std::int64_t userId, std::int64_t channelId);
    ChannelView updateChannel(std::int64_t userId, std::int64_t channelId, const ChannelChange& change);
    ChannelView archiveChannel(std::int64_t userId, std::int64_t channelId);
    ChannelView join(std::int64_t userId, std::int64_t channelId);
    void leave(std::int64_t userId, std::int64_t channelId);
    std::vector<ChannelMember> members(std::int64_t userId, std::int64_t channelId);
    Outcome<ChannelMember> addMember(std::int64_t userId, std::int64_t channelId, std::int64_t memberId);
    void removeMember(std::int64_t userId, std::int64_t channelId, std::int64_t memberId);

    // ---- messages ----
    /// created = false for a retry with a client id the author used before in this channel.
    Outcome<Message> post(std::int64_t userId, std::int64_t channelId, PostRequest request);
    HistoryPage history(std::int64_t userId, std::int64_t channelId, const HistoryRequest& request);
    Message edit(std::int64_t userId, std::int64_t messageId, const std::string& text);
    Message remove(std::int64_t userId, std::int64_t messageId);
    /// The thread a message belongs to: its parent (or itself) and the replies.
    Thread thread(std::int64_t userId, std::int64_t messageId);
    Message addReaction(std::int64_t userId, std::int64_t messageId, const std::string& emoji);
    Message removeReaction(std::int64_t userId, std::int64_t messageId, const std::string& emoji);
    /// Moves the user's read marker forward (clamped to the channel's last message); returns where it is.
    std::int64_t markRead(std::int64_t userId, std::int64_t channelId, std::int64_t seq);
    std::vector<Message> search(std::int64_t userId, std::int64_t organizationId, const std::string& query,
                                std::optional<std::int64_t> limit);

    // ---- realtime ----
    std::vector<MemberPresence> presence(std::int64_t userId, std::int64_t organizationId);
    /// Tells the channel's subscribers that the user is typing; nothing is stored.
    void typing(std::int64_t userId, std::int64_t channelId);
    /// The channel, when the user may see it (for a subscription).
    Channel visibleChannel(std::int64_t userId, std::int64_t channelId);
    /// Up to `limit` messages after `seq`, ascending, without checks: for the catch-up of a subscription
    /// that visibleChannel() allowed.
    std::vector<Message> messagesAfter(std::int64_t channelId, std::int64_t seq, std::int64_t limit);

private:
    struct Access;

    Access access(std::int64_t userId, std::int64_t channelId);
    /// The message and the user's access to its channel; 404 `message_not_found` when not visible.
    std::pair<Message, Access> messageAccess(std::int64_t userId, std::int64_t messageId);
    Role organizationRole(std::int64_t userId, std::int64_t organizationId);
    ChannelView viewOf(std::int64_t channelId, std::int64_t userId);
    Message loadMessage(std::int64_t messageId);
    std::vector<std::int64_t> mentionsIn(const std::string& text, std::int64_t organizationId);
    /// The message a retried post names by its client id, or nullopt; 409 when it is in another channel.
    std::optional<Message> earlierPost(std::int64_t userId, std::int64_t channelId, const std::string& clientId);
    /// 400 unless the parent is a message of the channel that is not itself a reply.
    void checkParent(std::int64_t channelId, std::int64_t parentId);
    /// Runs `message.will_post`; returns the text to store (a handler may have changed it).
    std::string approvedText(std::int64_t organizationId, std::int64_t channelId, std::int64_t userId,
                             const PostRequest& request);
    /// Stores the message with the channel's next sequence number and publishes `message.created`.
    Outcome<Message> insertPost(std::int64_t userId, std::int64_t channelId, const PostRequest& request,
                                const std::vector<std::int64_t>& mentions);
    void announceNewChannel(const ChannelView& view, const std::vector<std::int64_t>& members);
    /// Publishes `message.posted`, `.updated` or `.deleted` on the event bus.
    void tellPlugins(const std::string& eventName, const Message& message);

    Database& database_;
    Identity& identity_;
    EventBus& events_;
    Broadcaster& broadcaster_;
    realtime::Presence* presence_;
    ChatLimits limits_;
    ChannelLocks locks_;
};

}  // namespace ocomms::chat
