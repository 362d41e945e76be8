// Every client connection of a run on one epoll instance, on the calling thread: non-blocking connects
// (a bounded number in their handshake at once), the upgrade, the protocol's opening and the subscribe,
// then replies to pings, and the tally of what the server sent.
#pragma once

#include "LatencyHistogram.hpp"
#include "LoadOptions.hpp"
#include "ServerFrameReader.hpp"
#include "WireProtocol.hpp"
#include "Workload.hpp"

#include <netinet/in.h>

#include <array>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace ocomms::bench {

/// What the connections saw. Counters only grow; a caller measures an interval by their difference.
struct Tally {
    std::size_t subscribed = 0;        ///< connections that subscribed (some may have closed since)
    std::size_t failedToOpen = 0;      ///< connections that closed or failed before subscribing
    std::size_t closedAfterOpen = 0;   ///< subscribed connections the server closed
    std::uint64_t errorAnswers = 0;    ///< error answers from the server
    std::uint64_t acked = 0;
    std::uint64_t delivered = 0;
    LatencyHistogram latency;          ///< deliveries whose text carried a send time, in µs
    std::vector<std::string> firstErrors;

    std::uint64_t errors() const { return failedToOpen + closedAfterOpen + errorAnswers; }
};

class LoadConnections {
public:
    LoadConnections(const LoadOptions& options, const Workload& workload, WireProtocol& protocol);
    ~LoadConnections();  ///< resets every open connection (no TIME_WAIT left on this side)
    LoadConnections(const LoadConnections&) = delete;
    LoadConnections& operator=(const LoadConnections&) = delete;

    /// Starts connects while fewer than --max-in-flight are in their handshake.
    void openMore();
    /// Waits up to `timeoutMs` for socket events and handles them.
    void poll(int timeoutMs);

    bool allSettled() const { return tally_.subscribed + tally_.failedToOpen == connections_.size(); }
    bool isSubscribed(std::size_t connection) const { return connections_[connection].stage == Stage::Subscribed; }
    /// Sends one text message on a subscribed connection.
    void sendText(std::size_t connection, std::string_view text);

    Tally& tally() { return tally_; }

private:
    enum class Stage { Idle, Connecting, Upgrading, Opening, Subscribing, Subscribed, Closed };

    struct Connection {
        int fd = -1;
        Stage stage = Stage::Idle;
        std::string key;
        std::string responseHead;  ///< the upgrade answer, until its blank line is in
        ServerFrameReader reader;
        std::string outbound;
        std::size_t outboundSent = 0;
        bool watchingWrites = false;
    };

    void open(std::size_t index);
    void finishConnect(std::size_t index);
    void readFrom(std::size_t index);
    void received(std::size_t index, std::string_view bytes);
    void readUpgradeAnswer(std::size_t index, std::string_view bytes);
    void onMessage(std::size_t index, const ServerMessage& message);
    void onText(std::size_t index, std::string_view text);
    void subscribe(std::size_t index);
    void queueFrame(std::size_t index, realtime::websocket::Opcode opcode, std::string_view payload);
    void flush(std::size_t index);
    void watchWrites(std::size_t index, bool on);
    void fail(std::size_t index, const std::string& reason);
    void noteError(const std::string& reason);

    const LoadOptions& options_;
    const Workload& workload_;
    WireProtocol& protocol_;
    sockaddr_in server_{};
    int epoll_ = -1;
    std::vector<Connection> connections_;
    std::size_t nextToOpen_ = 0;
    std::size_t inHandshake_ = 0;
    std::mt19937_64 random_;
    std::array<char, 65536> readBuffer_{};
    Tally tally_;
};

}  // namespace ocomms::bench
