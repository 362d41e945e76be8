// The realtime hub: owns WebSocket connections after their handshake (through ConnectionLoops), hands
// their JSON messages to the handlers plugins registered by `type` (on a fixed pool of worker threads,
// one message at a time per connection), and delivers published events to subscribed connections on this
// node and, through a HubFanout, on every other node.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include <ocomms/identity.hpp>
#include <ocomms/logger.hpp>
#include <ocomms/realtime.hpp>

#include "realtime/ConnectionLoops.hpp"

namespace ocomms::realtime {

class HubFanout;
class PresenceTracker;

struct HubOptions {
    int loopThreads = 2;    ///< epoll threads (realtime.threads)
    int workerThreads = 4;  ///< threads that run message handlers (realtime.workers)
    ConnectionLimits limits;
    /// Messages of one connection waiting for a worker; beyond, further messages are answered with error
    /// `too_many_requests` and dropped.
    std::size_t maxPendingMessages = 64;
};

class RealtimeHub final : public Hub {
public:
    /// `fanout` is null for a single node (no Redis). `presence` is told of every connection that opens
    /// and closes. Both must outlive the hub.
    RealtimeHub(HubOptions options, Logger& logger, HubFanout* fanout, PresenceTracker& presence);
    ~RealtimeHub() override;  ///< stops

    /// Starts the loops, the workers and the fan-out subscription (throws when Redis cannot be reached).
    void start();
    /// Closes every connection with 1001 (waiting up to `grace` for the close handshakes), then stops the
    /// workers and the fan-out. Idempotent.
    void stop(std::chrono::milliseconds grace);

    /// Takes over a connected socket whose WebSocket handshake is done (the 101 was written), for this
    /// signed-in user. The descriptor is owned by the hub from here on, even when this throws.
    ConnectionId accept(int socketFd, UserInfo user);

    // Registrations tagged with their plugin, removed together when it stops (see util/OwnedList.hpp).
    void addMessageHandler(const std::string& owner, std::shared_ptr<const void> keepAlive, const std::string& type,
                           MessageHandler handler);
    void addConnectHandler(const std::string& owner, std::shared_ptr<const void> keepAlive, ConnectionHandler handler);
    void addDisconnectHandler(const std::string& owner, std::shared_ptr<const void> keepAlive,
                              ConnectionHandler handler);
    void removeOwner(const std::string& owner);

    // Hub (registrations made through these belong to the owner "core")
    void handle(const std::string& type, MessageHandler handler) override;
    void onConnect(ConnectionHandler handler) override;
    void onDisconnect(ConnectionHandler handler) override;
    bool send(ConnectionId connection, const nlohmann::json& event) override;
    void subscribe(ConnectionId connection, const std::string& topic, const CatchUp& catchUp) override;
    void unsubscribe(ConnectionId connection, const std::string& topic) override;
    void unsubscribeUser(std::int64_t userId, const std::string& topic) override;
    void publish(const std::string& topic, const nlohmann::json& event, std::int64_t sequence) override;
    void close(ConnectionId connection, std::uint16_t code, const std::string& reason) override;
    void closeUser(std::int64_t userId, std::uint16_t code, const std::string& reason) override;
    /// Closes the user's connections on this node only.
    void closeUserHere(std::int64_t userId, std::uint16_t code, const std::string& reason);

    std::size_t connectionCount() const;
    int loopThreadCount() const;
    int workerThreadCount() const;
    /// A random 128-bit id (32 hex digits) of this hub instance, by which the fan-out tells the nodes apart.
    const std::string& nodeId() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace ocomms::realtime
