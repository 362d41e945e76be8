#include "api/ChatActions.hpp"

#include "ChatErrors.hpp"
#include "Json.hpp"

namespace ocomms::chat {
namespace {

int statusOf(bool created) { return created ? 201 : 200; }

ChannelKind kindOf(const Fields& fields) {
    const auto name = fields.requiredString("kind");
    const auto kind = parseChannelKind(name);
    if (!kind) throw errors::invalidField("kind", "must be public, private or direct");
    return *kind;
}

nlohmann::json membership(std::int64_t channelId, std::int64_t userId) {
    return {{"channel_id", channelId}, {"user_id", userId}};
}

}  // namespace

std::int64_t ChatActions::organizationOf(std::int64_t userId, const Fields& fields) const {
    const auto slug = fields.requiredString("org");
    const auto organization = identity_.organization(slug);
    if (!organization || !identity_.roleIn(userId, organization->id)) throw errors::organizationNotFound(slug);
    return organization->id;
}

ChatActions::ChatActions(ChatService& service, Identity& identity) : service_(service), identity_(identity) {
    // ---- channels ----
    actions_["channels.list"] = [this](std::int64_t user, const Fields& f) -> ActionResult {
        nlohmann::json channels = nlohmann::json::array();
        for (const auto& view : service_.listChannels(user, organizationOf(user, f))) {
            channels.push_back(channelJson(view));
        }
        return {{{"channels", std::move(channels)}}};
    };
    actions_["channel.create"] = [this](std::int64_t user, const Fields& f) -> ActionResult {
        const auto organization = organizationOf(user, f);
        NewChannelRequest request{kindOf(f), f.optionalString("name"), f.optionalString("topic"), f.idList("members")};
        const auto created = service_.createChannel(user, organization, std::move(request));
        return {channelJson(created.value), statusOf(created.created)};
    };
    actions_["channel.get"] = [this](std::int64_t user, const Fields& f) -> ActionResult {
        return {channelJson(service_.channel(user, f.requiredId("channel_id")))};
    };
    actions_["channel.update"] = [this](std::int64_t user, const Fields& f) -> ActionResult {
        const ChannelChange change{f.optionalString("name"), f.optionalString("topic")};
        return {channelJson(service_.updateChannel(user, f.requiredId("channel_id"), change))};
    };
    actions_["channel.archive"] = [this](std::int64_t user, const Fields& f) -> ActionResult {
        return {channelJson(service_.archiveChannel(user, f.requiredId("channel_id")))};
    };
    actions_["channel.join"] = [this](std::int64_t user, const Fields& f) -> ActionResult {
        return {channelJson(service_.join(user, f.requiredId("channel_id")))};
    };
    actions_["channel.leave"] = [this](std::int64_t user, const Fields& f) -> ActionResult {
        const auto channel = f.requiredId("channel_id");
        service_.leave(user, channel);
        return {membership(channel, user)};
    };
    actions_["channel.members"] = [this](std::int64_t user, const Fields& f) -> ActionResult {
        nlohmann::json members = nlohmann::json::array();
        for (const auto& member : service_.members(user, f.requiredId("channel_id"))) members.push_back(memberJson(member));
        return {{{"members", std::move(members)}}};
    };
    actions_["channel.members.add"] = [this](std::int64_t user, const Fields& f) -> ActionResult {
        const auto added = service_.addMember(user, f.requiredId("channel_id"), f.requiredId("user_id"));
        return {memberJson(added.value), statusOf(added.created)};
    };
    actions_["channel.members.remove"] = [this](std::int64_t user, const Fields& f) -> ActionResult {
        const auto channel = f.requiredId("channel_id");
        const auto member = f.requiredId("user_id");
        service_.removeMember(user, channel, member);
        return {membership(channel, member)};
    };

    // ---- messages ----
    actions_["messages.history"] = [this](std::int64_t user, const Fields& f) -> ActionResult {
        const HistoryRequest request{f.optionalInteger("after"), f.optionalInteger("before"), f.optionalInteger("limit")};
        const auto page = service_.history(user, f.requiredId("channel_id"), request);
        return {{{"messages", messagesJson(page.messages)}, {"has_more", page.hasMore}}};
    };
    actions_["message.post"] = [this](std::int64_t user, const Fields& f) -> ActionResult {
        PostRequest request{f.requiredString("text"), f.optionalString("client_id"), f.optionalId("parent_id")};
        const auto posted = service_.post(user, f.requiredId("channel_id"), std::move(request));
        return {messageJson(posted.value), statusOf(posted.created)};
    };
    actions_["message.edit"] = [this](std::int64_t user, const Fields& f) -> ActionResult {
        return {messageJson(service_.edit(user, f.requiredId("message_id"), f.requiredString("text")))};
    };
    actions_["message.delete"] = [this](std::int64_t user, const Fields& f) -> ActionResult {
        return {messageJson(service_.remove(user, f.requiredId("message_id")))};
    };
    actions_["thread.get"] = [this](std::int64_t user, const Fields& f) -> ActionResult {
        const auto thread = service_.thread(user, f.requiredId("message_id"));
        return {{{"parent", messageJson(thread.parent)}, {"replies", messagesJson(thread.replies)}}};
    };
    actions_["reaction.add"] = [this](std::int64_t user, const Fields& f) -> ActionResult {
        return {messageJson(service_.addReaction(user, f.requiredId("message_id"), f.requiredString("emoji")))};
    };
    actions_["reaction.remove"] = [this](std::int64_t user, const Fields& f) -> ActionResult {
        return {messageJson(service_.removeReaction(user, f.requiredId("message_id"), f.requiredString("emoji")))};
    };
    actions_["read.mark"] = [this](std::int64_t user, const Fields& f) -> ActionResult {
        const auto channel = f.requiredId("channel_id");
        const auto marker = service_.markRead(user, channel, f.requiredInteger("seq"));
        return {{{"channel_id", channel}, {"last_read_seq", marker}}};
    };
    actions_["search"] = [this](std::int64_t user, const Fields& f) -> ActionResult {
        const auto organization = organizationOf(user, f);
        const auto found = service_.search(user, organization, f.requiredString("q"), f.optionalInteger("limit"));
        return {{{"messages", messagesJson(found)}}};
    };

    // ---- presence ----
    actions_["presence.get"] = [this](std::int64_t user, const Fields& f) -> ActionResult {
        nlohmann::json members = nlohmann::json::array();
        for (const auto& member : service_.presence(user, organizationOf(user, f))) {
            members.push_back({{"user_id", member.userId}, {"status", std::string(realtime::toString(member.status))}});
        }
        return {{{"members", std::move(members)}}};
    };
}

}  // namespace ocomms::chat
