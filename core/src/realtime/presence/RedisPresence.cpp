// How presence is shared between nodes.
//
// Each node keeps its own connections in memory (NodeConnections): that is the truth about this node,
// and the calls from the hub (connected, disconnected, setAway) only change it and mark the user as
// unwritten, so they never wait for Redis nor fail because of it. One background thread per node does
// everything that talks to Redis, so this node's writes reach Redis in the order they happened:
//
// - It writes the unwritten users' entries (RedisPresenceStore has the key layout: one key per user and
//   node, with the TTL; the set of nodes per user; the set of users per node; a registry of nodes scored
//   by their deadline), then computes their status across nodes and publishes it on the channel
//   `ocomms:presence` as {"node","user_id","status"}.
// - Every TTL/3 it sends a heartbeat: every entry of this node rewritten with a fresh TTL and its
//   deadline (Redis's clock + TTL, so that nodes' clocks and TTLs may differ) moved on, in one round
//   trip. The same round trip lists the nodes whose deadline passed; each is claimed with ZREM, which
//   succeeds for one reaper only, and that reaper removes its entries and announces its users. A node
//   killed with SIGKILL so goes offline within its TTL and a heartbeat of another node.
// - A node that finds itself missing from the registry (declared dead while its heartbeats were late,
//   or Redis lost its data) has just rewritten everything and announces all its users again.
//
// Announcements carry the sender's view, but a receiver does not trust it: two nodes changing the same
// user at once may publish in the opposite order of their writes. Instead every node checks each
// announced user with one atomic script (RedisPresenceStore::claimChanges) that computes the status from
// all entries and compares it with the status last recorded for the user, recording the new one. Of the
// nodes checking one change, exactly one finds it and tells its handlers, so a handler that publishes
// the change to the organization (fanned out by the hub) reaches each client once. Every announcement
// is published after its write, so the last check of any node runs after the last write and the
// recorded status ends right. A node ignores its own announcements: it checks its users right after
// writing them, on the same thread. A node that stops lets the others tell of its users; the last node
// to stop records them offline silently, as there is no one left to tell.
//
// A Redis outage is logged once; meanwhile the hub's calls go on in memory, status queries answer from
// this node's connections, and the thread retries every TTL/3. The first heartbeat that succeeds
// rewrites all entries and is followed by a full recheck of every user known, as is every gap in the
// subscription (messages were missed). Handlers are not told of changes while Redis is away.
#include "realtime/presence/RedisPresence.hpp"

#include <algorithm>
#include <iomanip>
#include <random>
#include <sstream>
#include <unistd.h>

#include "realtime/presence/PresenceStatusRules.hpp"
#include "redis/RedisSubscriber.hpp"

namespace ocomms::realtime {
namespace {

using namespace std::chrono_literals;
using Entry = RedisPresenceStore::Entry;

/// Long enough for a busy Redis, short enough that a status query does not hang long in an outage.
std::chrono::milliseconds commandTimeout(std::chrono::milliseconds ttl) { return std::clamp(ttl, 500ms, 2000ms); }

std::chrono::milliseconds heartbeatInterval(std::chrono::milliseconds ttl) {
    return std::max(ttl / 3, std::chrono::milliseconds(1));
}

template <typename T>
std::vector<T> toVector(const std::set<T>& values) {
    return {values.begin(), values.end()};
}

}  // namespace

struct RedisPresence::Work {
    std::set<std::int64_t> unwritten;
    std::set<std::int64_t> announced;
    bool recheckAll = false;
};

RedisPresence::RedisPresence(const redis::RedisUrl& url, std::string node, Logger& logger,
                             std::chrono::milliseconds ttl, std::string prefix)
    : ownedRedis_(std::make_unique<redis::RedisClient>(url, commandTimeout(ttl))),
      redis_(*ownedRedis_),
      logger_(logger),
      ttl_(ttl),
      store_(redis_, std::move(node), ttl, std::move(prefix)),
      notifier_(logger) {}

RedisPresence::RedisPresence(redis::RedisClient& redis, std::string node, Logger& logger,
                             std::chrono::milliseconds ttl, std::string prefix)
    : redis_(redis),
      logger_(logger),
      ttl_(ttl),
      store_(redis_, std::move(node), ttl, std::move(prefix)),
      notifier_(logger) {}

RedisPresence::~RedisPresence() { stop(); }

std::string RedisPresence::uniqueNodeId() {
    char host[256] = {};
    if (::gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
    std::ostringstream id;
    id << (host[0] != '\0' ? host : "node") << '-' << ::getpid() << '-' << std::hex << std::setw(8)
       << std::setfill('0') << std::random_device{}();
    return id.str();
}

// --- the hub's side: memory only ---

void RedisPresence::connected(ConnectionId connection, std::int64_t userId) {
    const std::lock_guard lock(mutex_);
    markChanged(local_.add(connection, userId));
}

void RedisPresence::disconnected(ConnectionId connection) {
    const std::lock_guard lock(mutex_);
    if (const auto change = local_.remove(connection)) markChanged({*change});
}

void RedisPresence::setAway(ConnectionId connection, bool away) {
    const std::lock_guard lock(mutex_);
    if (const auto change = local_.setAway(connection, away)) markChanged({*change});
}

void RedisPresence::markChanged(const std::vector<NodeConnections::Change>& changes) {
    bool any = false;
    for (const auto& change : changes) {
        if (!change.changed()) continue;
        unwritten_.insert(change.userId);
        any = true;
    }
    if (any) wake_.notify_all();
}

PresenceStatus RedisPresence::status(std::int64_t userId) { return statuses({userId}).front(); }

std::vector<PresenceStatus> RedisPresence::statuses(const std::vector<std::int64_t>& userIds) {
    std::vector<PresenceStatus> result(userIds.size(), PresenceStatus::Offline);
    if (!redisDown_) {
        try {
            result = store_.otherNodesStatuses(userIds);
        } catch (const redis::RedisError& e) {
            reportOutage(e.what());
        }
    }
    const std::lock_guard lock(mutex_);
    for (std::size_t i = 0; i < userIds.size(); ++i) result[i] = strongerStatus(result[i], local_.status(userIds[i]));
    return result;
}

void RedisPresence::onChange(PresenceHandler handler) { addChangeHandler("core", nullptr, std::move(handler)); }

void RedisPresence::addChangeHandler(const std::string& owner, std::shared_ptr<const void> keepAlive,
                                     PresenceHandler handler) {
    notifier_.add(owner, std::move(keepAlive), std::move(handler));
}

void RedisPresence::removeOwner(const std::string& owner) { notifier_.removeOwner(owner); }

// --- start and stop ---

void RedisPresence::start() {
    if (registered_) return;
    {
        const std::lock_guard lock(mutex_);
        stopping_ = false;
    }
    registered_ = true;  // from here on, stop() removes what this node may have written
    // Entries left by an earlier process with this node id are not this process's.
    const std::vector<std::int64_t> leftovers = store_.unregister();
    const std::vector<Entry> entries = [&] {
        const std::lock_guard lock(mutex_);
        unwritten_.clear();  // the heartbeat writes every entry
        return local_.users();
    }();
    store_.heartbeat(entries);

    subscriber_ = std::make_unique<redis::RedisSubscriber>(
        redis_.url(), std::vector<std::string>{store_.channel()},
        [this](const std::string&, const std::string& payload) { onAnnouncement(payload); },
        [this](bool afterGap) {
            if (!afterGap) return;  // the first one, from start(): nothing was missed yet
            const std::lock_guard lock(mutex_);
            recheckAll_ = true;
            wake_.notify_all();
        },
        logger_);
    subscriber_->start(commandTimeout(ttl_));

    std::set<std::int64_t> toAnnounce(leftovers.begin(), leftovers.end());
    for (const auto& [userId, status] : entries) toAnnounce.insert(userId);
    announce(toVector(toAnnounce));
    syncThread_ = std::thread([this] { runSync(); });
}

void RedisPresence::stopThreads() {
    {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (syncThread_.joinable()) syncThread_.join();
    if (subscriber_) subscriber_->stop();
}

void RedisPresence::stop() {
    stopThreads();
    if (!registered_) return;
    registered_ = false;
    try {
        std::set<std::int64_t> users;
        for (const std::int64_t userId : store_.unregister()) users.insert(userId);
        for (const std::int64_t userId : localUsers()) users.insert(userId);
        // This node is gone: what is left is the other nodes' part.
        const std::vector<std::int64_t> userIds = toVector(users);
        const std::vector<PresenceStatus> others = store_.otherNodesStatuses(userIds);
        std::vector<Entry> statuses;
        for (std::size_t i = 0; i < userIds.size(); ++i) statuses.emplace_back(userIds[i], others[i]);
        store_.announce(statuses);
        if (store_.registeredNodeCount() == 0) store_.claimChanges(userIds);  // no node left to tell
    } catch (const redis::RedisError& e) {
        logger_.warn(std::string("presence: could not remove this node's entries from Redis (") + e.what() +
                     "); the other nodes take its users offline within " + std::to_string(ttl_.count()) + " ms");
    }
}

void RedisPresence::abandonForTest() {
    stopThreads();
    registered_ = false;
}

// --- the background thread ---

void RedisPresence::runSync() {
    const auto interval = heartbeatInterval(ttl_);
    auto nextHeartbeat = std::chrono::steady_clock::now() + interval;
    bool failing = false;
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        wake_.wait_until(lock, nextHeartbeat, [&] {
            return stopping_ || (!failing && (!unwritten_.empty() || !announced_.empty() || recheckAll_));
        });
        if (stopping_) break;
        const bool heartbeatDue = failing || std::chrono::steady_clock::now() >= nextHeartbeat;
        Work work{std::exchange(unwritten_, {}), std::exchange(announced_, {}), std::exchange(recheckAll_, false)};
        // After an outage, everything: entries changed and announcements were missed meanwhile.
        work.recheckAll = work.recheckAll || failing;
        lock.unlock();
        try {
            sync(work, heartbeatDue);
            failing = false;
            reportRecovery();
        } catch (const std::exception& e) {
            failing = true;
            reportOutage(e.what());
            lock.lock();
            unwritten_.merge(work.unwritten);
            announced_.merge(work.announced);
            recheckAll_ = recheckAll_ || work.recheckAll;
            lock.unlock();
        }
        if (heartbeatDue || failing) nextHeartbeat = std::chrono::steady_clock::now() + interval;
        lock.lock();
    }
}

void RedisPresence::sync(const Work& work, bool heartbeatDue) {
    if (heartbeatDue) heartbeatAndReap();
    if (!work.unwritten.empty()) {
        std::vector<Entry> entries;
        {
            const std::lock_guard lock(mutex_);
            for (const std::int64_t userId : work.unwritten) entries.emplace_back(userId, local_.status(userId));
        }
        store_.writeEntries(entries);
        announce(toVector(work.unwritten));
    }
    std::set<std::int64_t> toCheck = work.announced;
    if (work.recheckAll) {
        for (const std::int64_t userId : everyKnownUser()) toCheck.insert(userId);
    }
    for (const std::int64_t userId : work.unwritten) toCheck.erase(userId);
    if (!toCheck.empty()) check(toVector(toCheck));
}

void RedisPresence::heartbeatAndReap() {
    const std::vector<Entry> entries = [&] {
        const std::lock_guard lock(mutex_);
        return local_.users();
    }();
    const RedisPresenceStore::Heartbeat heartbeat = store_.heartbeat(entries);
    if (!heartbeat.wasRegistered) {
        std::vector<std::int64_t> users;
        for (const auto& [userId, status] : entries) users.push_back(userId);
        logger_.warn("presence: node '" + node() + "' had been declared dead by another node (its heartbeats " +
                     "were late or Redis lost its data); its users are announced again");
        announce(users);
    }
    for (const std::string& dead : heartbeat.deadNodes) {
        if (const auto deadUsers = store_.claimDeadNode(dead)) {
            logger_.warn("presence: node '" + dead + "' missed its heartbeats; its " +
                         std::to_string(deadUsers->size()) + " users were taken offline");
            announce(*deadUsers);
        }
    }
}

void RedisPresence::announce(const std::vector<std::int64_t>& userIds) {
    if (userIds.empty()) return;
    store_.announce(statusesAcrossNodes(userIds));
    check(userIds);
}

void RedisPresence::check(const std::vector<std::int64_t>& userIds) {
    if (userIds.empty()) return;
    const std::vector<Entry> changes = store_.claimChanges(userIds);
    if (logger_.enabled(LogLevel::Debug)) {
        std::string checked;
        for (const std::int64_t userId : userIds) checked += " #" + std::to_string(userId);
        logger_.debug("presence: checked" + checked + "; changes told here: " + std::to_string(changes.size()));
    }
    // Only this thread checks, so the changes are queued in the order they were found.
    for (const auto& [userId, status] : changes) notifier_.queue(userId, status);
    notifier_.deliver();
}

std::vector<Entry> RedisPresence::statusesAcrossNodes(const std::vector<std::int64_t>& userIds) {
    const std::vector<PresenceStatus> others = store_.otherNodesStatuses(userIds);
    std::vector<Entry> statuses;
    statuses.reserve(userIds.size());
    const std::lock_guard lock(mutex_);
    for (std::size_t i = 0; i < userIds.size(); ++i) {
        statuses.emplace_back(userIds[i], strongerStatus(others[i], local_.status(userIds[i])));
    }
    return statuses;
}

std::vector<std::int64_t> RedisPresence::everyKnownUser() {
    std::set<std::int64_t> users;
    for (const std::int64_t userId : store_.usersOfRegisteredNodes()) users.insert(userId);
    const std::lock_guard lock(mutex_);
    for (const auto& [userId, status] : local_.users()) users.insert(userId);
    return toVector(users);
}

std::vector<std::int64_t> RedisPresence::localUsers() {
    std::vector<std::int64_t> users;
    const std::lock_guard lock(mutex_);
    for (const auto& [userId, status] : local_.users()) users.push_back(userId);
    return users;
}

// --- the subscriber's thread and outages ---

void RedisPresence::onAnnouncement(const std::string& payload) {
    const auto announcement = RedisPresenceStore::parseAnnouncement(payload);
    if (!announcement) {
        logger_.warn("presence: ignored a malformed message on " + store_.channel());
        return;
    }
    if (announcement->node == node()) return;  // checked when it was written
    const std::lock_guard lock(mutex_);
    announced_.insert(announcement->userId);
    wake_.notify_all();
}

void RedisPresence::reportOutage(const std::string& what) {
    if (!redisDown_.exchange(true)) {
        logger_.warn("presence: Redis cannot be reached (" + what + "); this node keeps its presence in memory " +
                     "and retries every " + std::to_string(heartbeatInterval(ttl_).count()) + " ms");
    }
}

void RedisPresence::reportRecovery() {
    if (redisDown_.exchange(false)) logger_.info("presence: Redis is reachable again; presence is synchronised");
}

}  // namespace ocomms::realtime
