#include "realtime/presence/RedisPresenceStore.hpp"

#include <algorithm>
#include <charconv>
#include <set>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "realtime/presence/PresenceStatusRules.hpp"

namespace ocomms::realtime {
namespace {

using redis::RedisReply;
using Command = std::vector<std::string>;

std::optional<std::int64_t> parseInteger(const std::string& text) {
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

/// An entry's value; a missing (expired) entry is offline.
PresenceStatus entryStatus(const RedisReply& reply) {
    return reply.isNil() ? PresenceStatus::Offline : parsePresenceStatus(reply.text).value_or(PresenceStatus::Offline);
}

std::vector<std::int64_t> userIdsOf(const RedisReply& members) {
    std::vector<std::int64_t> userIds;
    for (const RedisReply& member : members.elements) {
        if (const auto userId = parseInteger(member.text)) userIds.push_back(*userId);
    }
    return userIds;
}

// ARGV: the prefix, then user ids. Reads each user's entries and compares the status they make with the
// recorded one in the same atomic step, so that a node never records a status that was already out of
// date (which a read followed by a separate compare-and-set could). Builds key names itself, which a
// standalone Redis allows (a cluster would need the keys of a user in one slot and declared).
constexpr const char* kClaimScript = R"lua(
local changed = {}
for i = 2, #ARGV do
  local user = ARGV[1] .. ':user:' .. ARGV[i]
  local status = 'offline'
  for _, node in ipairs(redis.call('SMEMBERS', user .. ':nodes')) do
    local entry = redis.call('GET', user .. ':node:' .. node)
    if entry == 'online' then
      status = 'online'
      break
    end
    if entry == 'away' then status = 'away' end
  end
  if (redis.call('GET', user .. ':status') or 'offline') ~= status then
    if status == 'offline' then
      redis.call('DEL', user .. ':status')
    else
      redis.call('SET', user .. ':status', status)
    end
    changed[#changed + 1] = ARGV[i]
    changed[#changed + 1] = status
  end
end
return changed
)lua";

/// Users per run of the claim script, which holds Redis for its duration.
constexpr std::size_t kClaimBatch = 500;

std::int64_t redisClockMs(redis::RedisClient& redis) {
    const RedisReply time = redis.command({"TIME"});
    if (time.elements.size() != 2) throw redis::RedisError("redis answered TIME with an unexpected reply");
    const auto seconds = parseInteger(time.elements[0].text);
    const auto micros = parseInteger(time.elements[1].text);
    if (!seconds || !micros) throw redis::RedisError("redis answered TIME with an unexpected reply");
    return *seconds * 1000 + *micros / 1000;
}

}  // namespace

// The layout, under the prefix P ("ocomms:presence"; see RedisPresence.cpp for how it is used):
//   P:user:<uid>:node:<node>  "online" | "away", with the TTL: the user's state on that node
//   P:user:<uid>:nodes        set of the nodes that have an entry for the user
//   P:user:<uid>:status       "online" | "away": the status last handed to handlers (absent: offline)
//   P:node:<node>:users       set of the users the node has entries for (to reap it)
//   P:nodes                   sorted set: node -> its deadline (Redis clock, ms)
// and the channel P for announcements.
RedisPresenceStore::RedisPresenceStore(redis::RedisClient& redis, std::string node, std::chrono::milliseconds ttl,
                                       std::string prefix)
    : redis_(redis), node_(std::move(node)), ttl_(ttl), prefix_(std::move(prefix)), registryKey_(prefix_ + ":nodes") {
    if (node_.empty()) throw std::invalid_argument("presence node id must not be empty");
    if (ttl_.count() <= 0) throw std::invalid_argument("presence TTL must be positive, not " + std::to_string(ttl_.count()) + " ms");
}

std::string RedisPresenceStore::userNodeKey(std::int64_t userId, const std::string& node) const {
    return prefix_ + ":user:" + std::to_string(userId) + ":node:" + node;
}

std::string RedisPresenceStore::userNodesKey(std::int64_t userId) const {
    return prefix_ + ":user:" + std::to_string(userId) + ":nodes";
}

std::string RedisPresenceStore::nodeUsersKey(const std::string& node) const {
    return prefix_ + ":node:" + node + ":users";
}

// The key is written before the set membership, so that a reader that finds the node in the set finds
// its key too.
void RedisPresenceStore::appendEntryCommands(std::vector<Command>& commands, std::int64_t userId,
                                             PresenceStatus status) const {
    const std::string user = std::to_string(userId);
    if (status == PresenceStatus::Offline) {
        commands.push_back({"SREM", userNodesKey(userId), node_});
        commands.push_back({"DEL", userNodeKey(userId, node_)});
        commands.push_back({"SREM", nodeUsersKey(node_), user});
    } else {
        commands.push_back({"SET", userNodeKey(userId, node_), std::string(toString(status)), "PX",
                            std::to_string(ttl_.count())});
        commands.push_back({"SADD", userNodesKey(userId), node_});
        commands.push_back({"SADD", nodeUsersKey(node_), user});
    }
}

void RedisPresenceStore::writeEntries(const std::vector<Entry>& entries) {
    std::vector<Command> commands;
    for (const auto& [userId, status] : entries) appendEntryCommands(commands, userId, status);
    redis_.pipeline(commands);
}

RedisPresenceStore::Heartbeat RedisPresenceStore::heartbeat(const std::vector<Entry>& entries) {
    const std::int64_t now = redisClockMs(redis_);
    std::vector<Command> commands;
    for (const auto& [userId, status] : entries) appendEntryCommands(commands, userId, status);
    commands.push_back({"ZADD", registryKey_, std::to_string(now + ttl_.count()), node_});
    commands.push_back({"ZRANGEBYSCORE", registryKey_, "-inf", std::to_string(now)});
    const std::vector<RedisReply> replies = redis_.pipeline(commands);

    Heartbeat result;
    result.wasRegistered = replies[replies.size() - 2].integer == 0;
    for (const RedisReply& node : replies.back().elements) {
        if (node.text != node_) result.deadNodes.push_back(node.text);
    }
    return result;
}

std::optional<std::vector<std::int64_t>> RedisPresenceStore::claimDeadNode(const std::string& node) {
    if (redis_.command({"ZREM", registryKey_, node}).integer != 1) return std::nullopt;
    return removeNode(node);
}

std::vector<std::int64_t> RedisPresenceStore::unregister() {
    redis_.command({"ZREM", registryKey_, node_});
    return removeNode(node_);
}

std::vector<std::int64_t> RedisPresenceStore::removeNode(const std::string& node) {
    const std::vector<std::int64_t> userIds = userIdsOf(redis_.command({"SMEMBERS", nodeUsersKey(node)}));
    std::vector<Command> commands;
    for (const std::int64_t userId : userIds) {
        commands.push_back({"SREM", userNodesKey(userId), node});
        commands.push_back({"DEL", userNodeKey(userId, node)});
    }
    commands.push_back({"DEL", nodeUsersKey(node)});
    redis_.pipeline(commands);
    return userIds;
}

std::vector<PresenceStatus> RedisPresenceStore::otherNodesStatuses(const std::vector<std::int64_t>& userIds) {
    std::vector<PresenceStatus> statuses(userIds.size(), PresenceStatus::Offline);
    if (userIds.empty()) return statuses;

    std::vector<Command> memberQueries;
    for (const std::int64_t userId : userIds) memberQueries.push_back({"SMEMBERS", userNodesKey(userId)});
    const std::vector<RedisReply> members = redis_.pipeline(memberQueries);

    Command entryQuery{"MGET"};
    std::vector<std::size_t> userOfEntry;  // index into userIds for each key of entryQuery
    for (std::size_t i = 0; i < userIds.size(); ++i) {
        for (const RedisReply& node : members[i].elements) {
            if (node.text == node_) continue;
            entryQuery.push_back(userNodeKey(userIds[i], node.text));
            userOfEntry.push_back(i);
        }
    }
    if (userOfEntry.empty()) return statuses;
    const RedisReply entries = redis_.command(entryQuery);
    for (std::size_t k = 0; k < entries.elements.size() && k < userOfEntry.size(); ++k) {
        PresenceStatus& status = statuses[userOfEntry[k]];
        status = strongerStatus(status, entryStatus(entries.elements[k]));
    }
    return statuses;
}

std::vector<std::int64_t> RedisPresenceStore::usersOfRegisteredNodes() {
    const RedisReply nodes = redis_.command({"ZRANGE", registryKey_, "0", "-1"});
    std::vector<Command> queries;
    for (const RedisReply& node : nodes.elements) queries.push_back({"SMEMBERS", nodeUsersKey(node.text)});
    std::set<std::int64_t> userIds;
    for (const RedisReply& members : redis_.pipeline(queries)) {
        for (const std::int64_t userId : userIdsOf(members)) userIds.insert(userId);
    }
    return {userIds.begin(), userIds.end()};
}

std::int64_t RedisPresenceStore::registeredNodeCount() { return redis_.command({"ZCARD", registryKey_}).integer; }

std::vector<RedisPresenceStore::Entry> RedisPresenceStore::claimChanges(const std::vector<std::int64_t>& userIds) {
    std::vector<Command> scripts;
    for (std::size_t first = 0; first < userIds.size(); first += kClaimBatch) {
        Command script{"EVAL", kClaimScript, "0", prefix_};
        for (std::size_t i = first; i < std::min(userIds.size(), first + kClaimBatch); ++i) {
            script.push_back(std::to_string(userIds[i]));
        }
        scripts.push_back(std::move(script));
    }
    std::vector<Entry> changed;
    for (const RedisReply& reply : redis_.pipeline(scripts)) {
        for (std::size_t i = 0; i + 1 < reply.elements.size(); i += 2) {
            const auto userId = parseInteger(reply.elements[i].text);
            const auto status = parsePresenceStatus(reply.elements[i + 1].text);
            if (userId && status) changed.emplace_back(*userId, *status);
        }
    }
    return changed;
}

void RedisPresenceStore::announce(const std::vector<Entry>& statuses) {
    std::vector<Command> commands;
    for (const auto& [userId, status] : statuses) {
        const nlohmann::json message{{"node", node_}, {"user_id", userId}, {"status", toString(status)}};
        commands.push_back({"PUBLISH", prefix_, message.dump()});
    }
    redis_.pipeline(commands);
}

std::optional<PresenceAnnouncement> RedisPresenceStore::parseAnnouncement(const std::string& payload) {
    const nlohmann::json message = nlohmann::json::parse(payload, nullptr, false);
    if (!message.is_object()) return std::nullopt;
    const auto node = message.find("node");
    const auto userId = message.find("user_id");
    const auto status = message.find("status");
    if (node == message.end() || !node->is_string() || userId == message.end() || !userId->is_number_integer() ||
        status == message.end() || !status->is_string()) {
        return std::nullopt;
    }
    const auto parsedStatus = parsePresenceStatus(status->get<std::string>());
    if (!parsedStatus) return std::nullopt;
    return PresenceAnnouncement{node->get<std::string>(), userId->get<std::int64_t>(), *parsedStatus};
}

}  // namespace ocomms::realtime
