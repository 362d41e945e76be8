#include "ChatService.hpp"

#include <algorithm>
#include <mutex>
#include <set>
#include <stdexcept>
#include <utility>

#include "ChatErrors.hpp"
#include "Json.hpp"
#include "Mentions.hpp"
#include "TextRules.hpp"
#include "Timestamp.hpp"
#include "store/ChannelStore.hpp"
#include "store/MemberStore.hpp"
#include "store/MentionStore.hpp"
#include "store/MessageDetails.hpp"
#include "store/MessageStore.hpp"
#include "store/ReactionStore.hpp"
#include "store/ReadMarkerStore.hpp"
#include "store/SearchStore.hpp"

namespace ocomms::chat {
namespace {

constexpr std::int64_t kDefaultPageSize = 50;
constexpr std::size_t kMaxQueryBytes = 500;

nlohmann::json memberEvent(const std::string& type, std::int64_t channelId, std::int64_t userId) {
    return {{"type", type}, {"channel_id", channelId}, {"user_id", userId}};
}

nlohmann::json reactionEvent(const std::string& type, std::int64_t channelId, std::int64_t messageId,
                             const std::string& emoji, std::int64_t userId) {
    return {{"type", type}, {"channel_id", channelId}, {"message_id", messageId}, {"emoji", emoji}, {"user_id", userId}};
}

nlohmann::json messageEvent(const std::string& type, const Message& message) {
    return {{"type", type}, {"message", messageJson(message)}};
}

Event busEvent(std::string name, nlohmann::json payload) {
    Event event;
    event.name = std::move(name);
    event.payload = std::move(payload);
    return event;
}

bool isBlank(const std::string& text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
}

}  // namespace

/// What a user may do in a channel they can see.
struct ChatService::Access {
    Channel channel;
    Role organizationRole = Role::Member;
    std::optional<ChannelMember> membership;

    bool isMember() const { return membership.has_value(); }
    /// Channel admins, and the organization's admins and owners, manage a channel.
    bool isManager() const {
        return grants(organizationRole, Role::Admin) || (membership && membership->role == ChannelRole::Admin);
    }
    void requireMember() const {
        if (!isMember()) throw errors::notAMember(channel.id);
    }
    void requireManager(const std::string& what) const {
        if (!isManager()) {
            throw errors::forbidden("only the channel's admins and the organization's admins may " + what);
        }
    }
    void requireOpen() const {
        if (channel.archived) throw errors::channelArchived(channel.id);
    }
    void requireChangeableMembers() const {
        if (channel.kind == ChannelKind::Direct) throw errors::forbidden("the members of a direct channel are fixed");
    }
};

ChatService::ChatService(Database& database, Identity& identity, EventBus& events, Broadcaster& broadcaster,
                         realtime::Presence* presence, ChatLimits limits)
    : database_(database), identity_(identity), events_(events), broadcaster_(broadcaster), presence_(presence),
      limits_(limits) {}

// ---- access ----

ChatService::Access ChatService::access(std::int64_t userId, std::int64_t channelId) {
    std::optional<ChannelWithMember> found;
    {
        PooledSession session = database_.session();
        found = ChannelStore(*session, database_).byIdWithMember(channelId, userId);
    }
    if (!found) throw errors::channelNotFound(channelId);
    const auto role = identity_.roleIn(userId, found->channel.organizationId);
    if (!role || (found->channel.kind != ChannelKind::Public && !found->member)) throw errors::channelNotFound(channelId);
    return {std::move(found->channel), *role, std::move(found->member)};
}

std::pair<Message, ChatService::Access> ChatService::messageAccess(std::int64_t userId, std::int64_t messageId) {
    std::optional<Message> message;
    {
        PooledSession session = database_.session();
        message = MessageStore(*session, database_).byId(messageId);
    }
    if (!message) throw errors::messageNotFound(messageId);
    try {
        auto granted = access(userId, message->channelId);
        return {std::move(*message), std::move(granted)};
    } catch (const http::HttpError& e) {
        if (e.code() == "channel_not_found") throw errors::messageNotFound(messageId);
        throw;
    }
}

Role ChatService::organizationRole(std::int64_t userId, std::int64_t organizationId) {
    const auto role = identity_.roleIn(userId, organizationId);
    if (!role) throw errors::organizationNotFound(std::to_string(organizationId));
    return *role;
}

ChannelView ChatService::viewOf(std::int64_t channelId, std::int64_t userId) {
    PooledSession session = database_.session();
    auto view = ChannelStore(*session, database_).viewOf(channelId, userId);
    if (!view) throw errors::channelNotFound(channelId);
    return std::move(*view);
}

Message ChatService::loadMessage(std::int64_t messageId) {
    PooledSession session = database_.session();
    auto message = MessageStore(*session, database_).byId(messageId);
    if (!message) throw errors::messageNotFound(messageId);
    return withDetails(*session, database_.dialect(), std::move(*message));
}

// ---- channels ----

Outcome<ChannelView> ChatService::createChannel(std::int64_t userId, std::int64_t organizationId,
                                                NewChannelRequest request) {
    organizationRole(userId, organizationId);
    NewChannel row{organizationId, request.kind, std::nullopt, std::nullopt, std::nullopt, userId, nowIsoUtc()};
    if (request.topic) row.topic = checkedTopic(*request.topic);
    std::set<std::int64_t> others(request.members.begin(), request.members.end());
    others.erase(userId);
    if (request.kind == ChannelKind::Direct) {
        if (request.name) throw errors::invalidField("name", "a direct channel has no name");
        const auto count = static_cast<std::int64_t>(others.size()) + 1;
        if (count < 2 || count > limits_.directMaxMembers) {
            throw errors::invalidField("members", "a direct channel has 2 to " +
                                                      std::to_string(limits_.directMaxMembers) +
                                                      " members, its creator included");
        }
    } else {
        if (!request.name) throw errors::missingField("name");
        row.name = checkedChannelName(*request.name);
    }
    if (!others.empty()) {
        std::set<std::int64_t> organizationMembers;
        for (const auto& member : identity_.members(organizationId)) organizationMembers.insert(member.user.id);
        for (const auto id : others) {
            if (!organizationMembers.contains(id)) {
                throw errors::invalidField("members", "user " + std::to_string(id) + " is not a member of the organization");
            }
        }
    }
    std::vector<std::int64_t> everyone(others.begin(), others.end());
    everyone.insert(std::upper_bound(everyone.begin(), everyone.end(), userId), userId);
    if (request.kind == ChannelKind::Direct) row.directKey = directKeyOf(everyone);

    const auto create = [&](soci::session& session) -> Outcome<std::int64_t> {
        ChannelStore channels(session, database_);
        if (row.directKey) {
            if (const auto existing = channels.byDirectKey(organizationId, *row.directKey)) return {existing->id, false};
        }
        const auto id = channels.insert(row);
        MemberStore members(session, database_);
        for (const auto member : everyone) {
            members.add(id, member, member == userId ? ChannelRole::Admin : ChannelRole::Member, row.createdAt);
        }
        return {id, true};
    };
    Outcome<std::int64_t> created{0, false};
    try {
        created = database_.writeTransaction(create);
    } catch (const soci::soci_error&) {
        // Another request created the same direct channel between the look-up and the insert.
        if (!row.directKey) throw;
        created = database_.writeTransaction(create);
    }
    auto view = viewOf(created.value, userId);
    if (created.created) announceNewChannel(view, everyone);
    return {std::move(view), created.created};
}

void ChatService::announceNewChannel(const ChannelView& view, const std::vector<std::int64_t>& members) {
    const nlohmann::json event = {{"type", "channel.created"}, {"channel", channelJson(view.channel)}};
    if (view.channel.kind == ChannelKind::Public) {
        broadcaster_.toOrganization(view.channel.organizationId, event);
        return;
    }
    for (const auto member : members) broadcaster_.toUser(member, event);
}

std::vector<ChannelView> ChatService::listChannels(std::int64_t userId, std::int64_t organizationId) {
    organizationRole(userId, organizationId);
    PooledSession session = database_.session();
    return ChannelStore(*session, database_).visibleTo(organizationId, userId);
}

ChannelView ChatService::channel(std::int64_t userId, std::int64_t channelId) {
    access(userId, channelId);
    return viewOf(channelId, userId);
}

ChannelView ChatService::updateChannel(std::int64_t userId, std::int64_t channelId, const ChannelChange& change) {
    const auto granted = access(userId, channelId);
    if (!change.name && !change.topic) throw errors::missingField("name or topic");
    granted.requireOpen();
    auto name = granted.channel.name;
    auto topic = granted.channel.topic;
    if (change.name) {
        if (granted.channel.kind == ChannelKind::Direct) throw errors::invalidField("name", "a direct channel has no name");
        granted.requireManager("rename it");
        name = checkedChannelName(*change.name);
    }
    if (change.topic) {
        if (!granted.isManager()) granted.requireMember();
        topic = checkedTopic(*change.topic);
    }
    database_.writeTransaction([&](soci::session& session) {
        ChannelStore(session, database_).update(channelId, name, topic);
    });
    auto view = viewOf(channelId, userId);
    broadcaster_.toChannel(channelId, {{"type", "channel.updated"}, {"channel", channelJson(view.channel)}});
    return view;
}

ChannelView ChatService::archiveChannel(std::int64_t userId, std::int64_t channelId) {
    const auto granted = access(userId, channelId);
    granted.requireManager("archive it");
    if (granted.channel.archived) return viewOf(channelId, userId);
    database_.writeTransaction([&](soci::session& session) {
        ChannelStore(session, database_).archive(channelId, nowIsoUtc());
    });
    auto view = viewOf(channelId, userId);
    broadcaster_.toChannel(channelId, {{"type", "channel.updated"}, {"channel", channelJson(view.channel)}});
    return view;
}

ChannelView ChatService::join(std::int64_t userId, std::int64_t channelId) {
    const auto granted = access(userId, channelId);
    // Only a public channel is visible to a non-member, so everyone else here is a member already.
    if (granted.isMember()) return viewOf(channelId, userId);
    granted.requireOpen();
    const bool added = database_.writeTransaction([&](soci::session& session) {
        return MemberStore(session, database_).add(channelId, userId, ChannelRole::Member, nowIsoUtc());
    });
    if (added) broadcaster_.toChannel(channelId, memberEvent("channel.member_added", channelId, userId));
    return viewOf(channelId, userId);
}

void ChatService::leave(std::int64_t userId, std::int64_t channelId) {
    const auto granted = access(userId, channelId);
    granted.requireChangeableMembers();
    if (!granted.isMember()) return;
    const bool removed = database_.writeTransaction([&](soci::session& session) { return MemberStore(session, database_).remove(channelId, userId); });
    if (!removed) return;
    broadcaster_.toChannel(channelId, memberEvent("channel.member_removed", channelId, userId));
    broadcaster_.dropFromChannel(userId, channelId);
}

std::vector<ChannelMember> ChatService::members(std::int64_t userId, std::int64_t channelId) {
    access(userId, channelId);
    PooledSession session = database_.session();
    return MemberStore(*session, database_).all(channelId);
}

Outcome<ChannelMember> ChatService::addMember(std::int64_t userId, std::int64_t channelId, std::int64_t memberId) {
    const auto granted = access(userId, channelId);
    granted.requireChangeableMembers();
    granted.requireOpen();
    if (granted.channel.kind == ChannelKind::Public) {
        if (!granted.isManager()) granted.requireMember();
    } else {
        granted.requireManager("add members to a private channel");
    }
    if (!identity_.user(memberId) || !identity_.roleIn(memberId, granted.channel.organizationId)) {
        throw errors::invalidField("user_id",
                                   "user " + std::to_string(memberId) + " is not a member of the organization");
    }
    const auto [added, member] = database_.writeTransaction([&](soci::session& session) {
        MemberStore members(session, database_);
        const bool isNew = members.add(channelId, memberId, ChannelRole::Member, nowIsoUtc());
        return std::pair{isNew, *members.find(channelId, memberId)};
    });
    if (added) {
        broadcaster_.toChannel(channelId, memberEvent("channel.member_added", channelId, memberId));
        if (granted.channel.kind == ChannelKind::Private) {
            auto event = memberEvent("channel.member_added", channelId, memberId);
            event["channel"] = channelJson(granted.channel);
            broadcaster_.toUser(memberId, event);
        }
    }
    return {member, added};
}

void ChatService::removeMember(std::int64_t userId, std::int64_t channelId, std::int64_t memberId) {
    if (memberId == userId) {
        leave(userId, channelId);
        return;
    }
    const auto granted = access(userId, channelId);
    granted.requireChangeableMembers();
    granted.requireManager("remove members");
    const bool removed = database_.writeTransaction([&](soci::session& session) { return MemberStore(session, database_).remove(channelId, memberId); });
    if (!removed) throw errors::memberNotFound(memberId);
    broadcaster_.toChannel(channelId, memberEvent("channel.member_removed", channelId, memberId));
    broadcaster_.dropFromChannel(memberId, channelId);
}

// ---- messages ----

std::optional<Message> ChatService::earlierPost(std::int64_t userId, std::int64_t channelId,
                                                const std::string& clientId) {
    PooledSession session = database_.session();
    auto earlier = MessageStore(*session, database_).byClientId(userId, clientId);
    if (!earlier) return std::nullopt;
    if (earlier->channelId != channelId) throw errors::clientIdConflict(clientId);
    return withDetails(*session, database_.dialect(), std::move(*earlier));
}

void ChatService::checkParent(std::int64_t channelId, std::int64_t parentId) {
    std::optional<Message> parent;
    {
        PooledSession session = database_.session();
        parent = MessageStore(*session, database_).byId(parentId);
    }
    if (!parent || parent->channelId != channelId) {
        throw errors::invalidField("parent_id", "no message " + std::to_string(parentId) + " in this channel");
    }
    if (parent->parentId) {
        throw errors::invalidField("parent_id", "message " + std::to_string(parentId) +
                                                    " is a reply; reply to the first message of its thread, " +
                                                    std::to_string(*parent->parentId));
    }
}

std::string ChatService::approvedText(std::int64_t organizationId, std::int64_t channelId, std::int64_t userId,
                                      const PostRequest& request) {
    auto event = busEvent("message.will_post",
                          {{"org_id", organizationId},
                           {"channel_id", channelId},
                           {"author_id", userId},
                           {"text", request.text},
                           {"parent_id", request.parentId ? nlohmann::json(*request.parentId) : nlohmann::json()},
                           {"client_id", request.clientId ? nlohmann::json(*request.clientId) : nlohmann::json()}});
    events_.publish(event);
    if (event.rejected) throw errors::messageRejected(event.reason);
    const auto text = event.payload.find("text");
    if (text == event.payload.end() || !text->is_string()) {
        throw std::runtime_error("a message.will_post handler left the payload without a string 'text'");
    }
    auto approved = text->get<std::string>();
    checkMessageText(approved, limits_.maxMessageBytes);
    return approved;
}

void ChatService::tellPlugins(const std::string& eventName, const Message& message) {
    auto event = busEvent(eventName, messageJson(message));
    events_.publish(event);
}

std::vector<std::int64_t> ChatService::mentionsIn(const std::string& text, std::int64_t organizationId) {
    if (text.find('@') == std::string::npos) return {};
    return mentionedUsers(text, identity_.members(organizationId));
}

Outcome<Message> ChatService::post(std::int64_t userId, std::int64_t channelId, PostRequest request) {
    checkMessageText(request.text, limits_.maxMessageBytes);
    if (request.clientId) checkClientId(*request.clientId);
    if (request.parentId && *request.parentId < 1) throw errors::invalidField("parent_id", "must be a message id");
    const auto granted = access(userId, channelId);
    if (request.clientId) {
        if (auto earlier = earlierPost(userId, channelId, *request.clientId)) return {std::move(*earlier), false};
    }
    granted.requireMember();
    granted.requireOpen();
    if (request.parentId) checkParent(channelId, *request.parentId);
    request.text = approvedText(granted.channel.organizationId, channelId, userId, request);
    const auto mentions = mentionsIn(request.text, granted.channel.organizationId);

    Outcome<Message> posted;
    try {
        posted = insertPost(userId, channelId, request, mentions);
    } catch (const soci::soci_error&) {
        // Two posts with the same client id raced past the look-ups; the other one was stored.
        if (!request.clientId) throw;
        auto earlier = earlierPost(userId, channelId, *request.clientId);
        if (!earlier) throw;
        return {std::move(*earlier), false};
    }
    if (!posted.created) return posted;
    tellPlugins("message.posted", posted.value);
    if (request.parentId) {
        broadcaster_.toChannel(channelId, messageEvent("message.updated", loadMessage(*request.parentId)));
    }
    return posted;
}

Outcome<Message> ChatService::insertPost(std::int64_t userId, std::int64_t channelId, const PostRequest& request,
                                         const std::vector<std::int64_t>& mentions) {
    // Held until the event is published, so that this node publishes the channel's messages in order.
    std::lock_guard lock(locks_.of(channelId));
    // A retry of a post stored meanwhile (post() looked before) fails the unique (author, client id)
    // index here, and post() answers with the stored message.
    auto posted = database_.writeTransaction([&](soci::session& session) -> Outcome<Message> {
        const auto dialect = database_.dialect();
        // Taking the number first locks the channel's row (PostgreSQL), so the checks below see any
        // archive or removal committed before, and none can commit until this insert does.
        const auto taken = ChannelStore(session, database_).takeNextSeq(channelId);
        if (!taken) throw errors::channelNotFound(channelId);
        if (taken->archived) throw errors::channelArchived(channelId);
        if (!MemberStore(session, database_).find(channelId, userId)) throw errors::notAMember(channelId);
        NewMessage stored{channelId, taken->seq, userId, request.text, request.clientId, request.parentId, nowIsoUtc()};
        MessageStore messages(session, database_);
        const auto id = messages.insert(stored);
        if (!mentions.empty()) MentionStore(session, dialect).replace(id, mentions);
        if (request.parentId) messages.noteReply(*request.parentId, stored.createdAt);
        return {newlyStored(id, std::move(stored), mentions), true};
    });
    if (posted.created) {
        broadcaster_.toChannel(channelId, messageEvent("message.created", posted.value), posted.value.seq);
    }
    return posted;
}

HistoryPage ChatService::history(std::int64_t userId, std::int64_t channelId, const HistoryRequest& request) {
    if (request.after && request.before) throw errors::invalidField("before", "cannot be combined with after");
    if (request.after && *request.after < 0) throw errors::invalidField("after", "must be at least 0");
    if (request.before && *request.before < 1) throw errors::invalidField("before", "must be at least 1");
    const auto limit = request.limit.value_or(std::min(kDefaultPageSize, limits_.historyLimitMax));
    if (limit < 1 || limit > limits_.historyLimitMax) {
        throw errors::invalidField("limit", "must be 1 to " + std::to_string(limits_.historyLimitMax));
    }
    access(userId, channelId);
    PooledSession session = database_.session();
    MessageStore messages(*session, database_);
    HistoryPage page;
    // One more than asked for tells whether there are more.
    if (request.after) {
        page.messages = messages.after(channelId, *request.after, limit + 1);
        page.hasMore = static_cast<std::int64_t>(page.messages.size()) > limit;
        if (page.hasMore) page.messages.pop_back();
    } else {
        page.messages = messages.latestBefore(channelId, request.before, limit + 1);
        page.hasMore = static_cast<std::int64_t>(page.messages.size()) > limit;
        if (page.hasMore) page.messages.erase(page.messages.begin());
    }
    loadDetails(*session, database_.dialect(), page.messages);
    return page;
}

Message ChatService::edit(std::int64_t userId, std::int64_t messageId, const std::string& text) {
    checkMessageText(text, limits_.maxMessageBytes);
    const auto [message, granted] = messageAccess(userId, messageId);
    if (message.authorId != userId) throw errors::forbidden("only its author may edit a message");
    if (message.deleted()) throw errors::messageDeleted(messageId);
    granted.requireOpen();
    const auto mentions = mentionsIn(text, granted.channel.organizationId);
    auto edited = database_.writeTransaction([&](soci::session& session) {
        MessageStore messages(session, database_);
        messages.edit(messageId, text, nowIsoUtc());
        MentionStore(session, database_.dialect()).replace(messageId, mentions);
        return withDetails(session, database_.dialect(), *messages.byId(messageId));
    });
    // A delete that committed first wins: the edit changed nothing.
    if (edited.deleted()) throw errors::messageDeleted(messageId);
    broadcaster_.toChannel(edited.channelId, messageEvent("message.updated", edited));
    tellPlugins("message.updated", edited);
    return edited;
}

Message ChatService::remove(std::int64_t userId, std::int64_t messageId) {
    const auto [message, granted] = messageAccess(userId, messageId);
    if (message.authorId != userId && !granted.isManager()) {
        throw errors::forbidden("only its author, the channel's admins and the organization's admins may delete a message");
    }
    if (message.deleted()) return loadMessage(messageId);
    auto deleted = database_.writeTransaction([&](soci::session& session) {
        const auto dialect = database_.dialect();
        MessageStore messages(session, database_);
        messages.markDeleted(messageId, nowIsoUtc());
        ReactionStore(session, dialect).removeAll(messageId);
        MentionStore(session, dialect).replace(messageId, {});
        return withDetails(session, dialect, *messages.byId(messageId));
    });
    broadcaster_.toChannel(deleted.channelId, messageEvent("message.deleted", deleted));
    tellPlugins("message.deleted", deleted);
    return deleted;
}

Thread ChatService::thread(std::int64_t userId, std::int64_t messageId) {
    const auto [message, granted] = messageAccess(userId, messageId);
    const auto parentId = message.parentId.value_or(message.id);
    PooledSession session = database_.session();
    MessageStore messages(*session, database_);
    auto parent = messages.byId(parentId);
    if (!parent) throw errors::messageNotFound(parentId);
    std::vector<Message> all{std::move(*parent)};
    auto replies = messages.replies(parentId);
    std::move(replies.begin(), replies.end(), std::back_inserter(all));
    loadDetails(*session, database_.dialect(), all);
    Thread thread{std::move(all.front()), {}};
    thread.replies.assign(std::make_move_iterator(all.begin() + 1), std::make_move_iterator(all.end()));
    return thread;
}

Message ChatService::addReaction(std::int64_t userId, std::int64_t messageId, const std::string& emoji) {
    checkEmoji(emoji);
    const auto [message, granted] = messageAccess(userId, messageId);
    granted.requireMember();
    granted.requireOpen();
    if (message.deleted()) throw errors::messageDeleted(messageId);
    const auto [added, updated] = database_.writeTransaction([&](soci::session& session) {
        MessageStore messages(session, database_);
        if (messages.byId(messageId)->deleted()) throw errors::messageDeleted(messageId);
        const bool isNew = ReactionStore(session, database_.dialect()).add(messageId, emoji, userId, nowIsoUtc());
        return std::pair{isNew, withDetails(session, database_.dialect(), *messages.byId(messageId))};
    });
    if (added) {
        broadcaster_.toChannel(message.channelId,
                               reactionEvent("reaction.added", message.channelId, messageId, emoji, userId));
    }
    return updated;
}

Message ChatService::removeReaction(std::int64_t userId, std::int64_t messageId, const std::string& emoji) {
    checkEmoji(emoji);
    const auto [message, granted] = messageAccess(userId, messageId);
    granted.requireMember();
    granted.requireOpen();
    const auto [removed, updated] = database_.writeTransaction([&](soci::session& session) {
        const bool wasThere = ReactionStore(session, database_.dialect()).remove(messageId, emoji, userId);
        return std::pair{wasThere, withDetails(session, database_.dialect(), *MessageStore(session, database_).byId(messageId))};
    });
    if (removed) {
        broadcaster_.toChannel(message.channelId,
                               reactionEvent("reaction.removed", message.channelId, messageId, emoji, userId));
    }
    return updated;
}

std::int64_t ChatService::markRead(std::int64_t userId, std::int64_t channelId, std::int64_t seq) {
    if (seq < 0) throw errors::invalidField("seq", "must be at least 0");
    const auto granted = access(userId, channelId);
    granted.requireMember();
    const auto marker = database_.writeTransaction([&](soci::session& session) {
        const auto channel = ChannelStore(session, database_).byId(channelId);
        if (!channel) throw errors::channelNotFound(channelId);
        return ReadMarkerStore(session).advance(channelId, userId, std::min(seq, channel->lastSeq));
    });
    if (marker != granted.membership->lastReadSeq) {
        broadcaster_.toUser(userId, {{"type", "read.updated"}, {"channel_id", channelId}, {"last_read_seq", marker}});
    }
    return marker;
}

std::vector<Message> ChatService::search(std::int64_t userId, std::int64_t organizationId, const std::string& query,
                                         std::optional<std::int64_t> limit) {
    if (query.size() > kMaxQueryBytes) {
        throw errors::invalidField("q", "must be at most " + std::to_string(kMaxQueryBytes) + " bytes");
    }
    if (isBlank(query)) throw errors::invalidField("q", "must contain a word to search for");
    const auto rows = limit.value_or(std::min(kDefaultPageSize, limits_.historyLimitMax));
    if (rows < 1 || rows > limits_.historyLimitMax) {
        throw errors::invalidField("limit", "must be 1 to " + std::to_string(limits_.historyLimitMax));
    }
    organizationRole(userId, organizationId);
    PooledSession session = database_.session();
    auto found = SearchStore(*session, database_.dialect()).search(organizationId, userId, query, rows);
    loadDetails(*session, database_.dialect(), found);
    return found;
}

// ---- realtime ----

std::vector<MemberPresence> ChatService::presence(std::int64_t userId, std::int64_t organizationId) {
    if (presence_ == nullptr) throw errors::presenceUnavailable();
    organizationRole(userId, organizationId);
    const auto members = identity_.members(organizationId);
    std::vector<std::int64_t> ids;
    for (const auto& member : members) ids.push_back(member.user.id);
    const auto statuses = presence_->statuses(ids);
    std::vector<MemberPresence> result;
    for (std::size_t i = 0; i < ids.size() && i < statuses.size(); ++i) result.push_back({ids[i], statuses[i]});
    return result;
}

void ChatService::typing(std::int64_t userId, std::int64_t channelId) {
    const auto granted = access(userId, channelId);
    granted.requireMember();
    granted.requireOpen();
    broadcaster_.toChannel(channelId, memberEvent("typing", channelId, userId));
}

Channel ChatService::visibleChannel(std::int64_t userId, std::int64_t channelId) {
    return access(userId, channelId).channel;
}

std::vector<Message> ChatService::messagesAfter(std::int64_t channelId, std::int64_t seq, std::int64_t limit) {
    PooledSession session = database_.session();
    auto messages = MessageStore(*session, database_).after(channelId, seq, limit);
    loadDetails(*session, database_.dialect(), messages);
    return messages;
}

}  // namespace ocomms::chat
