// A blocking WebSocket client over TCP for tests against a real server: the opening handshake (with the
// server's refusal available to assert on), masked frames as a browser sends them, raw frames that break
// the rules on purpose, and reading with timeouts. Not thread-safe: one test thread drives it.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "realtime/websocket/Frame.hpp"
#include "support/ServerFrameReader.hpp"
#include "support/ServerProcess.hpp"

namespace ocomms::test {

struct HandshakeResult;

/// Thrown by WebSocketClient::connect when the server refuses the handshake; the answer is kept.
class HandshakeRefused : public std::runtime_error {
public:
    HandshakeRefused(const std::string& message, HttpResult answer)
        : std::runtime_error(message), response(std::move(answer)) {}
    HttpResult response;
};

class WebSocketClient {
public:
    using Opcode = realtime::websocket::Opcode;
    static constexpr std::chrono::milliseconds kDefaultTimeout{10000};

    /// Opens a TCP connection and sends the upgrade request for `path`, with a random Sec-WebSocket-Key.
    /// `headers` are added to the request, and replace the default of the same name (Host, Upgrade,
    /// Connection, Sec-WebSocket-Key, Sec-WebSocket-Version); an empty value leaves that header out.
    /// Accepted when the server answers 101 with Upgrade: websocket and the right Sec-WebSocket-Accept.
    /// Throws std::runtime_error when the server cannot be reached or does not answer in time.
    static HandshakeResult handshake(const std::string& host, std::uint16_t port, const std::string& path,
                                     const std::map<std::string, std::string>& headers = {},
                                     std::chrono::milliseconds timeout = kDefaultTimeout);
    /// The same, throwing HandshakeRefused (with the status and body) unless the handshake succeeds.
    static WebSocketClient connect(const std::string& host, std::uint16_t port, const std::string& path,
                                   const std::map<std::string, std::string>& headers = {},
                                   std::chrono::milliseconds timeout = kDefaultTimeout);

    WebSocketClient(WebSocketClient&& other) noexcept;
    WebSocketClient& operator=(WebSocketClient&&) = delete;
    WebSocketClient(const WebSocketClient&) = delete;
    WebSocketClient& operator=(const WebSocketClient&) = delete;
    ~WebSocketClient();  ///< closes the socket without a close handshake

    // --- sending (each throws std::runtime_error when the socket fails or stays full past the timeout) ---
    void sendText(std::string_view text);
    void sendJson(const nlohmann::json& message);
    /// Any frame, including ones the protocol forbids (fragmented or oversized control frames, invalid
    /// UTF-8, unmasked). Masked with a random key unless `masked` is false.
    void sendFrame(Opcode opcode, std::string_view payload, bool fin = true, bool masked = true);
    /// Bytes exactly as given (e.g. a header with reserved bits or a non-minimal length).
    void sendRaw(std::string_view bytes);
    void ping(std::string_view payload = {});
    /// Sends a Close frame and nothing else (see close()).
    void sendClose(std::uint16_t code, std::string_view reason = {});
    /// The close handshake: sends a Close frame, then reads until the server's Close frame arrives
    /// (data frames read meanwhile are kept for receive()). Returns the server's code, or nothing when it
    /// sent none in time.
    std::optional<std::uint16_t> close(std::uint16_t code = realtime::websocket::CloseCode::Normal,
                                       std::string_view reason = {}, std::chrono::milliseconds timeout = kDefaultTimeout);
    /// Drops the TCP connection with a reset, without a Close frame.
    void abort();

    // --- receiving ---
    /// The next frame as the server sent it, control frames included; nothing when none came in time or
    /// the server closed the connection. A Ping is answered with a Pong before it is returned, and the
    /// server's Close is answered with a Close of the same code (as browsers do), unless turned off.
    std::optional<ReceivedFrame> receive(std::chrono::milliseconds timeout = kDefaultTimeout);
    /// The next text message (fragments joined) parsed as JSON, skipping control frames. Nothing when
    /// none came in time or the server closed. Throws std::runtime_error for a binary message or text
    /// that is not JSON.
    std::optional<nlohmann::json> receiveJson(std::chrono::milliseconds timeout = kDefaultTimeout);
    /// The first JSON message that `matches`, skipping others, which stay available, in order, to the
    /// next receive(), receiveJson() or waitFor().
    std::optional<nlohmann::json> waitFor(const std::function<bool(const nlohmann::json&)>& matches,
                                          std::chrono::milliseconds timeout = kDefaultTimeout);
    /// The first JSON message whose `type` is `type`, the same way.
    std::optional<nlohmann::json> waitFor(const std::string& type, std::chrono::milliseconds timeout = kDefaultTimeout);
    /// Reads until the server's Close frame (keeping data messages for later); its code, or nothing.
    std::optional<std::uint16_t> waitForClose(std::chrono::milliseconds timeout = kDefaultTimeout);
    /// Reads (keeping data messages) until the server closes the TCP connection. False when it did not
    /// in time.
    bool waitForEndOfStream(std::chrono::milliseconds timeout = kDefaultTimeout);

    /// The code and reason of the server's Close frame, once one was received.
    std::optional<std::uint16_t> closeCode() const { return closeCode_; }
    const std::string& closeReason() const { return closeReason_; }
    /// Whether the server closed the TCP connection.
    bool endOfStream() const { return endOfStream_; }

    void answerPings(bool on) { answerPings_ = on; }
    void answerClose(bool on) { answerClose_ = on; }

private:
    using Clock = std::chrono::steady_clock;

    explicit WebSocketClient(int fd);

    /// The next frame from the socket (not from the kept ones), answering pings and closes.
    std::optional<ReceivedFrame> readFrame(Clock::time_point deadline);
    /// The next whole data message (fragments joined), kept ones first; control frames are handled and
    /// skipped.
    std::optional<ReceivedFrame> readMessage(Clock::time_point deadline);
    /// Waits for bytes and hands them to the reader; false at the deadline or end of stream.
    bool receiveSome(Clock::time_point deadline);
    void sendAll(std::string_view bytes, Clock::time_point deadline);
    realtime::websocket::MaskKey randomMask();

    int fd_ = -1;
    ServerFrameReader reader_;
    std::deque<ReceivedFrame> kept_;  ///< whole messages skipped by waitFor or read during close()
    std::optional<std::uint16_t> closeCode_;
    std::string closeReason_;
    bool closeSent_ = false;
    bool endOfStream_ = false;
    bool answerPings_ = true;
    bool answerClose_ = true;
    std::mt19937 random_;
};

/// The server's answer to the opening handshake, and the client when it was accepted.
struct HandshakeResult {
    HttpResult response;  ///< status, body, headers (names lower-cased)
    /// Why the handshake failed, empty when `client` is set: the status, or a wrong 101 answer.
    std::string problem;
    std::optional<WebSocketClient> client;
};

}  // namespace ocomms::test
