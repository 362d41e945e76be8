#include "realtime/hub/RealtimeHub.hpp"

#include <array>
#include <atomic>
#include <exception>
#include <mutex>
#include <shared_mutex>
#include <stdexcept>
#include <unordered_map>
#include <utility>
#include <vector>

#include <sodium.h>
#include <unistd.h>

#include "identity/Sodium.hpp"
#include "realtime/hub/HubFanout.hpp"
#include "realtime/hub/MessageDispatch.hpp"
#include "realtime/hub/TopicRegistry.hpp"
#include "realtime/hub/WorkerPool.hpp"
#include "realtime/presence/PresenceTracker.hpp"
#include "realtime/websocket/Frame.hpp"
#include "util/OwnedList.hpp"

namespace ocomms::realtime {
namespace {

using websocket::CloseCode;

constexpr const char* kCoreOwner = "core";

std::string newNodeId() {
    identity::requireSodium();
    std::array<unsigned char, 16> bytes{};
    randombytes_buf(bytes.data(), bytes.size());
    std::string hex(bytes.size() * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), bytes.data(), bytes.size());
    hex.pop_back();
    return hex;
}

nlohmann::json helloEvent(const Client& client) {
    return {{"type", "hello"},
            {"user", {{"id", client.user.id}, {"email", client.user.email}, {"display_name", client.user.displayName}}}};
}

}  // namespace

struct RealtimeHub::Impl final : ConnectionEvents, TopicSink, HubFanoutReceiver {
    /// A connection as the hub knows it; its strand runs its messages and its open and close handlers.
    struct HubConnection {
        Client client;
        std::shared_ptr<WorkerPool::Strand> strand;
    };

    Impl(HubOptions hubOptions, Logger& log, HubFanout* hubFanout, PresenceTracker& presenceTracker)
        : options(std::move(hubOptions)),
          logger(log),
          fanout(hubFanout),
          presence(presenceTracker),
          nodeId(newNodeId()),
          dispatch(log),
          topics(*this, options.limits.maxQueuedBytes),
          workers(options.workerThreads, log),
          loops(options.loopThreads, options.limits, *this, log) {}

    std::shared_ptr<HubConnection> find(ConnectionId id) const {
        std::shared_lock lock(connectionsMutex);
        const auto it = connections.find(id);
        return it == connections.end() ? nullptr : it->second;
    }

    // ConnectionEvents (loop threads: nothing here may block)
    void onText(ConnectionId id, std::string message) override {
        const auto connection = find(id);
        if (!connection) return;
        auto text = std::make_shared<const std::string>(std::move(message));
        const bool queued = workers.post(
            connection->strand, [this, connection, text] { handleMessage(*connection, *text); },
            options.maxPendingMessages);
        // Answered at once, so it may overtake the replies to earlier messages; its `ref` tells them apart.
        if (!queued) loops.sendText(id, MessageDispatch::tooManyRequests(*text).dump());
    }

    void onClosed(ConnectionId id, std::uint16_t, const std::string&) override {
        const auto connection = find(id);
        if (!connection) return;
        // After the connection's last message, since the loop reported every message before the close.
        workers.post(connection->strand, [this, connection] { closed(*connection); });
    }

    // TopicSink (under a topic's lock: nothing here may block)
    void deliver(ConnectionId connection, const SharedFrame& frame) override { loops.sendFrame(connection, frame); }
    void deliverToEach(std::span<const ConnectionId> subscribers, const SharedFrame& frame) override {
        loops.sendFrameToEach(subscribers, frame);
    }
    void holdOverflowed(ConnectionId connection) override {
        logger.debug("realtime: connection " + std::to_string(connection) + " closed: catch-up hold buffer full");
        loops.close(connection, CloseCode::TryAgainLater, "too many events during catch-up");
    }

    // HubFanoutReceiver
    void remotePublish(const std::string& topic, std::string_view eventJson, std::int64_t sequence) override {
        topics.publish(topic, sequence, eventJson);
    }
    void remoteUnsubscribeUser(std::int64_t userId, const std::string& topic) override {
        topics.unsubscribeUser(userId, topic);
    }
    void remoteCloseUser(std::int64_t userId, std::uint16_t code, const std::string& reason) override {
        closeLocalConnectionsOf(userId, code, reason);
    }
    /// Events of the other nodes were missed while the link was down, and the hub cannot know which. So
    /// every local client is sent away with 1012 ("service restart"): it reconnects and catches up from the
    /// last sequence it saw, the same way it recovers from any lost connection.
    void fanoutGap() override {
        std::vector<ConnectionId> ids;
        {
            std::shared_lock lock(connectionsMutex);
            ids.reserve(connections.size());
            for (const auto& [id, connection] : connections) ids.push_back(id);
        }
        logger.warn("realtime: the link to the other nodes was lost; closing " + std::to_string(ids.size()) +
                    " connection(s) so that their clients resume");
        for (const ConnectionId id : ids) loops.close(id, CloseCode::ServiceRestart, "service restart: reconnect and resume");
    }

    void closeLocalConnectionsOf(std::int64_t userId, std::uint16_t code, const std::string& reason) {
        std::vector<ConnectionId> ids;
        {
            std::shared_lock lock(connectionsMutex);
            for (const auto& [id, connection] : connections)
                if (connection->client.user.id == userId) ids.push_back(id);
        }
        for (const ConnectionId id : ids) loops.close(id, code, reason);
    }

    // Worker threads
    void opened(const HubConnection& connection) {
        try {
            presence.connected(connection.client.connection, connection.client.user.id);
        } catch (const std::exception& error) {
            logger.error("realtime: presence failed for connection " + std::to_string(connection.client.connection) +
                         ": " + error.what());
        }
        runConnectionHandlers(connectHandlers, connection.client, "connect");
        // The connection's first frame: from here on the subscriptions made by the connect handlers are in
        // place, so a client that waits for it cannot miss an event published afterwards.
        sendEvent(connection.client.connection, helloEvent(connection.client));
    }

    void handleMessage(const HubConnection& connection, const std::string& text) {
        // Stopping: a message not started yet is dropped; its client is being disconnected anyway.
        if (stopping.load()) return;
        if (auto answer = dispatch.dispatch(connection.client, text)) sendEvent(connection.client.connection, *answer);
    }

    void closed(const HubConnection& connection) {
        const ConnectionId id = connection.client.connection;
        topics.removeConnection(id);
        try {
            presence.disconnected(id);
        } catch (const std::exception& error) {
            logger.error("realtime: presence failed for connection " + std::to_string(id) + ": " + error.what());
        }
        runConnectionHandlers(disconnectHandlers, connection.client, "disconnect");
        std::unique_lock lock(connectionsMutex);
        connections.erase(id);
    }

    void runConnectionHandlers(const util::OwnedList<ConnectionHandler>& handlers, const Client& client,
                               const char* what) {
        for (const auto& handler : handlers.snapshot()) {
            try {
                handler.value(client);
            } catch (const std::exception& error) {
                logger.error("realtime: " + std::string(what) + " handler of '" + handler.owner +
                             "' failed for connection " + std::to_string(client.connection) + ": " + error.what());
            }
        }
    }

    bool sendEvent(ConnectionId id, const nlohmann::json& event) {
        const std::string text = event.dump();
        // Past half of the queue limit, wait for the client to read: a long backlog then paces itself. After
        // the idle timeout the frame is queued anyway, and a client that still reads nothing meets the limit.
        const auto room =
            loops.waitForSendRoom(id, options.limits.maxQueuedBytes / 2, options.limits.idleTimeout);
        if (room == ConnectionLoops::SendRoom::Closed) return false;
        return loops.sendText(id, text);
    }

    const HubOptions options;
    Logger& logger;
    HubFanout* const fanout;
    PresenceTracker& presence;
    const std::string nodeId;

    MessageDispatch dispatch;
    util::OwnedList<ConnectionHandler> connectHandlers;
    util::OwnedList<ConnectionHandler> disconnectHandlers;
    TopicRegistry topics;

    mutable std::shared_mutex connectionsMutex;
    std::unordered_map<ConnectionId, std::shared_ptr<HubConnection>> connections;

    std::atomic<bool> stopping{false};
    std::mutex lifecycleMutex;
    bool started = false;
    bool stopped = false;

    // Declared last so that they are destroyed first: their threads call into the members above.
    WorkerPool workers;
    ConnectionLoops loops;
};

RealtimeHub::RealtimeHub(HubOptions options, Logger& logger, HubFanout* fanout, PresenceTracker& presence)
    : impl_(std::make_unique<Impl>(std::move(options), logger, fanout, presence)) {}

RealtimeHub::~RealtimeHub() {
    stop(std::chrono::milliseconds(0));
}

void RealtimeHub::start() {
    std::lock_guard lock(impl_->lifecycleMutex);
    if (impl_->started || impl_->stopped) throw std::logic_error("realtime: the hub was already started");
    impl_->started = true;
    impl_->workers.start();
    impl_->loops.start();
    if (impl_->fanout != nullptr) impl_->fanout->start(impl_->nodeId, *impl_);
}

void RealtimeHub::stop(std::chrono::milliseconds grace) {
    std::lock_guard lock(impl_->lifecycleMutex);
    if (impl_->stopped) return;
    impl_->stopped = true;
    impl_->stopping.store(true);
    // Every connection closes (1001) and its close is posted to its strand; the workers then finish the
    // handlers in flight and run those closes before they end.
    impl_->loops.stop(grace);
    impl_->workers.stop();
    if (impl_->fanout != nullptr) impl_->fanout->stop();
}

ConnectionId RealtimeHub::accept(int socketFd, UserInfo user) {
    // Held until the connection is known and its open is queued: the loop may report its first message at
    // once, and onText waits here for the connection rather than missing it.
    if (impl_->stopping.load()) {
        ::close(socketFd);
        throw std::logic_error("realtime: the hub has stopped");
    }
    std::unique_lock lock(impl_->connectionsMutex);
    const ConnectionId id = impl_->loops.adopt(socketFd);
    auto connection = std::make_shared<Impl::HubConnection>(
        Impl::HubConnection{Client{id, std::move(user)}, impl_->workers.makeStrand()});
    impl_->connections.emplace(id, connection);
    impl_->workers.post(connection->strand, [impl = impl_.get(), connection] { impl->opened(*connection); });
    return id;
}

void RealtimeHub::addMessageHandler(const std::string& owner, std::shared_ptr<const void> keepAlive,
                                    const std::string& type, MessageHandler handler) {
    impl_->dispatch.add(owner, std::move(keepAlive), type, std::move(handler));
}

void RealtimeHub::addConnectHandler(const std::string& owner, std::shared_ptr<const void> keepAlive,
                                    ConnectionHandler handler) {
    if (!handler) throw std::invalid_argument("realtime connect handler of '" + owner + "' is empty");
    impl_->connectHandlers.add(owner, std::move(keepAlive), std::move(handler));
}

void RealtimeHub::addDisconnectHandler(const std::string& owner, std::shared_ptr<const void> keepAlive,
                                       ConnectionHandler handler) {
    if (!handler) throw std::invalid_argument("realtime disconnect handler of '" + owner + "' is empty");
    impl_->disconnectHandlers.add(owner, std::move(keepAlive), std::move(handler));
}

void RealtimeHub::removeOwner(const std::string& owner) {
    impl_->dispatch.removeOwner(owner);
    impl_->connectHandlers.removeOwner(owner);
    impl_->disconnectHandlers.removeOwner(owner);
}

void RealtimeHub::handle(const std::string& type, MessageHandler handler) {
    addMessageHandler(kCoreOwner, nullptr, type, std::move(handler));
}

void RealtimeHub::onConnect(ConnectionHandler handler) {
    addConnectHandler(kCoreOwner, nullptr, std::move(handler));
}

void RealtimeHub::onDisconnect(ConnectionHandler handler) {
    addDisconnectHandler(kCoreOwner, nullptr, std::move(handler));
}

bool RealtimeHub::send(ConnectionId connection, const nlohmann::json& event) {
    return impl_->sendEvent(connection, event);
}

void RealtimeHub::subscribe(ConnectionId connection, const std::string& topic, const CatchUp& catchUp) {
    const auto known = impl_->find(connection);
    if (!known) return;  // closed, and its subscriptions already removed
    const std::int64_t userId = known->client.user.id;
    if (!catchUp) return impl_->topics.subscribe(connection, userId, topic);
    const auto hold = impl_->topics.hold(connection, userId, topic);
    std::int64_t covered = 0;
    try {
        covered = catchUp();
    } catch (...) {
        impl_->topics.cancel(connection, topic, hold);
        throw;
    }
    impl_->topics.release(connection, topic, hold, covered);
}

void RealtimeHub::unsubscribe(ConnectionId connection, const std::string& topic) {
    impl_->topics.unsubscribe(connection, topic);
}

void RealtimeHub::unsubscribeUser(std::int64_t userId, const std::string& topic) {
    impl_->topics.unsubscribeUser(userId, topic);
    if (impl_->fanout != nullptr) impl_->fanout->unsubscribeUser(userId, topic);
}

void RealtimeHub::publish(const std::string& topic, const nlohmann::json& event, std::int64_t sequence) {
    const std::string text = event.dump();
    impl_->topics.publish(topic, sequence, text);
    if (impl_->fanout != nullptr) impl_->fanout->publish(topic, text, sequence);
}

void RealtimeHub::close(ConnectionId connection, std::uint16_t code, const std::string& reason) {
    impl_->loops.close(connection, code, reason);
}

void RealtimeHub::closeUser(std::int64_t userId, std::uint16_t code, const std::string& reason) {
    impl_->closeLocalConnectionsOf(userId, code, reason);
    if (impl_->fanout != nullptr) impl_->fanout->closeUser(userId, code, reason);
}

void RealtimeHub::closeUserHere(std::int64_t userId, std::uint16_t code, const std::string& reason) {
    impl_->closeLocalConnectionsOf(userId, code, reason);
}

std::size_t RealtimeHub::connectionCount() const {
    return impl_->loops.connectionCount();
}

int RealtimeHub::loopThreadCount() const {
    return impl_->loops.threadCount();
}

int RealtimeHub::workerThreadCount() const {
    return impl_->workers.threadCount();
}

const std::string& RealtimeHub::nodeId() const {
    return impl_->nodeId;
}

}  // namespace ocomms::realtime
