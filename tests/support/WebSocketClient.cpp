#include "support/WebSocketClient.hpp"

#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <sstream>
#include <utility>

#include <Poco/Base64Encoder.h>

#include "realtime/websocket/Handshake.hpp"
#include "realtime/websocket/FrameWriter.hpp"
#include "realtime/websocket/Masking.hpp"

namespace ocomms::test {
namespace {

using Clock = std::chrono::steady_clock;
using realtime::websocket::CloseCode;
using realtime::websocket::Opcode;

constexpr std::size_t kMaxResponseHeadBytes = 64 * 1024;

std::string lowerCase(std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

std::string trimmed(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.remove_suffix(1);
    return std::string(text);
}

int millisecondsLeft(Clock::time_point deadline) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    return static_cast<int>(std::clamp<long long>(left, 0, 1'000'000));
}

int connectTcp(const std::string& host, std::uint16_t port) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    if (const int error = ::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found); error != 0) {
        throw std::runtime_error("websocket client: cannot resolve " + host + ": " + ::gai_strerror(error));
    }
    int lastErrno = 0;
    for (const addrinfo* address = found; address != nullptr; address = address->ai_next) {
        const int fd = ::socket(address->ai_family, address->ai_socktype | SOCK_CLOEXEC, address->ai_protocol);
        if (fd < 0) continue;
        if (::connect(fd, address->ai_addr, address->ai_addrlen) == 0) {
            ::freeaddrinfo(found);
            return fd;
        }
        lastErrno = errno;
        ::close(fd);
    }
    ::freeaddrinfo(found);
    throw std::runtime_error("websocket client: cannot connect to " + host + ":" + std::to_string(port) + ": " +
                             std::strerror(lastErrno));
}

/// Appends what arrives on `fd` to `into`; false at the deadline or when the peer closed (`ended`).
bool receiveInto(int fd, Clock::time_point deadline, std::string& into, bool& ended) {
    if (fd < 0 || ended) return false;
    pollfd readable{fd, POLLIN, 0};
    const int ready = ::poll(&readable, 1, millisecondsLeft(deadline));
    if (ready < 0 && errno == EINTR) return true;
    if (ready <= 0) return false;
    char chunk[65536];
    const ssize_t received = ::recv(fd, chunk, sizeof chunk, MSG_DONTWAIT);
    if (received < 0 && (errno == EINTR || errno == EAGAIN)) return true;
    if (received <= 0) {
        ended = true;
        return false;
    }
    into.append(chunk, static_cast<std::size_t>(received));
    return true;
}

std::string randomKey(std::mt19937& random) {
    char bytes[16];
    for (char& b : bytes) b = static_cast<char>(random() & 0xFF);
    std::ostringstream encoded;
    Poco::Base64Encoder encoder(encoded);
    encoder.rdbuf()->setLineLength(0);
    encoder.write(bytes, sizeof bytes);
    encoder.close();
    return encoded.str();
}

std::string requestHead(const std::string& host, std::uint16_t port, const std::string& path,
                        const std::map<std::string, std::string>& extra, std::string& key, std::mt19937& random) {
    std::map<std::string, std::pair<std::string, std::string>> headers;  // lower-cased name -> name, value
    const auto set = [&](const std::string& name, const std::string& value) { headers[lowerCase(name)] = {name, value}; };
    set("Host", host + ":" + std::to_string(port));
    set("Upgrade", "websocket");
    set("Connection", "Upgrade");
    set("Sec-WebSocket-Key", randomKey(random));
    set("Sec-WebSocket-Version", "13");
    for (const auto& [name, value] : extra) set(name, value);
    key = headers["sec-websocket-key"].second;

    std::string head = "GET " + path + " HTTP/1.1\r\n";
    for (const auto& [lower, header] : headers) {
        if (!header.second.empty()) head += header.first + ": " + header.second + "\r\n";
    }
    return head + "\r\n";
}

/// Parses "HTTP/1.1 101 ...\r\nName: value\r\n..." (without the blank line).
void parseResponseHead(std::string_view head, HttpResult& response) {
    const auto lineEnd = head.find("\r\n");
    const std::string statusLine(head.substr(0, lineEnd));
    std::istringstream status(statusLine);
    std::string version;
    status >> version >> response.status;
    if (version.rfind("HTTP/", 0) != 0 || response.status == 0) {
        throw std::runtime_error("websocket client: not an HTTP response: '" + statusLine + "'");
    }
    std::string_view rest = lineEnd == std::string_view::npos ? std::string_view() : head.substr(lineEnd + 2);
    while (!rest.empty()) {
        const auto end = rest.find("\r\n");
        const std::string_view line = rest.substr(0, end);
        rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 2);
        const auto colon = line.find(':');
        if (colon == std::string_view::npos) continue;
        response.headers[lowerCase(std::string(line.substr(0, colon)))] = trimmed(line.substr(colon + 1));
    }
}

/// Decodes a chunked body; false while it is incomplete.
bool decodeChunked(std::string_view raw, std::string& body) {
    body.clear();
    while (true) {
        const auto sizeEnd = raw.find("\r\n");
        if (sizeEnd == std::string_view::npos) return false;
        const std::size_t size = std::stoul(std::string(raw.substr(0, sizeEnd)), nullptr, 16);
        raw.remove_prefix(sizeEnd + 2);
        if (size == 0) return true;
        if (raw.size() < size + 2) return false;
        body.append(raw.substr(0, size));
        raw.remove_prefix(size + 2);
    }
}

bool containsToken(const std::string& headerValue, const std::string& token) {
    return lowerCase(headerValue).find(token) != std::string::npos;
}

}  // namespace

HandshakeResult WebSocketClient::handshake(const std::string& host, std::uint16_t port, const std::string& path,
                                           const std::map<std::string, std::string>& headers,
                                           std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    WebSocketClient client(connectTcp(host, port));
    std::string key;
    client.sendAll(requestHead(host, port, path, headers, key, client.random_), deadline);

    std::string received;
    bool ended = false;
    std::size_t headEnd = std::string::npos;
    while ((headEnd = received.find("\r\n\r\n")) == std::string::npos) {
        if (received.size() > kMaxResponseHeadBytes) throw std::runtime_error("websocket client: response head too long");
        if (!receiveInto(client.fd_, deadline, received, ended)) {
            throw std::runtime_error(ended ? "websocket client: the server closed before answering the upgrade"
                                           : "websocket client: no answer to the upgrade in time");
        }
    }
    HandshakeResult result;
    parseResponseHead(std::string_view(received).substr(0, headEnd), result.response);
    std::string rest = received.substr(headEnd + 4);

    if (result.response.status != 101) {
        const auto& answer = result.response.headers;
        const auto length = answer.find("content-length");
        const auto encoding = answer.find("transfer-encoding");
        if (length != answer.end()) {
            const std::size_t size = std::stoul(length->second);
            while (rest.size() < size && receiveInto(client.fd_, deadline, rest, ended)) {}
            result.response.body = rest.substr(0, std::min(size, rest.size()));
        } else if (encoding != answer.end() && containsToken(encoding->second, "chunked")) {
            while (!decodeChunked(rest, result.response.body) && receiveInto(client.fd_, deadline, rest, ended)) {}
        } else {
            while (receiveInto(client.fd_, deadline, rest, ended)) {}
            result.response.body = rest;
        }
        result.problem = "the server answered the upgrade with " + std::to_string(result.response.status) + ": " +
                         result.response.body;
        return result;
    }

    const auto header = [&](const std::string& name) {
        const auto found = result.response.headers.find(name);
        return found == result.response.headers.end() ? std::string() : found->second;
    };
    const std::string expectedAccept = realtime::websocket::acceptKey(key);
    if (!containsToken(header("upgrade"), "websocket")) {
        result.problem = "the 101 answer has Upgrade '" + header("upgrade") + "', not websocket";
    } else if (!containsToken(header("connection"), "upgrade")) {
        result.problem = "the 101 answer has Connection '" + header("connection") + "', not upgrade";
    } else if (header("sec-websocket-accept") != expectedAccept) {
        result.problem = "the 101 answer has Sec-WebSocket-Accept '" + header("sec-websocket-accept") +
                         "', expected '" + expectedAccept + "'";
    } else {
        client.reader_.append(rest);  // frames the server sent right behind its answer
        result.client.emplace(std::move(client));
    }
    return result;
}

WebSocketClient WebSocketClient::connect(const std::string& host, std::uint16_t port, const std::string& path,
                                         const std::map<std::string, std::string>& headers,
                                         std::chrono::milliseconds timeout) {
    HandshakeResult result = handshake(host, port, path, headers, timeout);
    if (!result.client) throw HandshakeRefused("websocket client: " + result.problem, std::move(result.response));
    return std::move(*result.client);
}

WebSocketClient::WebSocketClient(int fd) : fd_(fd), random_(std::random_device{}()) {}

WebSocketClient::WebSocketClient(WebSocketClient&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)),
      reader_(std::move(other.reader_)),
      kept_(std::move(other.kept_)),
      closeCode_(other.closeCode_),
      closeReason_(std::move(other.closeReason_)),
      closeSent_(other.closeSent_),
      endOfStream_(other.endOfStream_),
      answerPings_(other.answerPings_),
      answerClose_(other.answerClose_),
      random_(other.random_) {}

WebSocketClient::~WebSocketClient() {
    if (fd_ >= 0) ::close(fd_);
}

// --- sending ---

void WebSocketClient::sendAll(std::string_view bytes, Clock::time_point deadline) {
    if (fd_ < 0) throw std::runtime_error("websocket client: the connection was aborted");
    while (!bytes.empty()) {
        pollfd writable{fd_, POLLOUT, 0};
        const int ready = ::poll(&writable, 1, millisecondsLeft(deadline));
        if (ready < 0 && errno == EINTR) continue;
        if (ready <= 0) throw std::runtime_error("websocket client: the server did not take the bytes in time");
        const ssize_t sent = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
        if (sent < 0 && (errno == EINTR || errno == EAGAIN)) continue;
        if (sent <= 0) throw std::runtime_error(std::string("websocket client: send failed: ") + std::strerror(errno));
        bytes.remove_prefix(static_cast<std::size_t>(sent));
    }
}

realtime::websocket::MaskKey WebSocketClient::randomMask() {
    realtime::websocket::MaskKey mask{};
    for (auto& b : mask) b = static_cast<std::uint8_t>(random_() & 0xFF);
    return mask;
}

void WebSocketClient::sendRaw(std::string_view bytes) { sendAll(bytes, Clock::now() + kDefaultTimeout); }

void WebSocketClient::sendFrame(Opcode opcode, std::string_view payload, bool fin, bool masked) {
    const realtime::websocket::FrameHeader header{fin, 0, opcode, masked, payload.size(),
                                                  masked ? randomMask() : realtime::websocket::MaskKey{}};
    std::string frame;
    realtime::websocket::appendFrameHeader(frame, header);
    const std::size_t payloadStart = frame.size();
    frame.append(payload);
    if (masked) {
        realtime::websocket::applyMask(frame.data() + payloadStart, frame.data() + payloadStart, payload.size(),
                                       header.maskKey, 0);
    }
    sendRaw(frame);
}

void WebSocketClient::sendText(std::string_view text) { sendFrame(Opcode::Text, text); }

void WebSocketClient::sendJson(const nlohmann::json& message) { sendText(message.dump()); }

void WebSocketClient::ping(std::string_view payload) { sendFrame(Opcode::Ping, payload); }

void WebSocketClient::sendClose(std::uint16_t code, std::string_view reason) {
    std::string payload{static_cast<char>(code >> 8), static_cast<char>(code & 0xFF)};
    payload.append(reason);
    sendFrame(Opcode::Close, payload);
    closeSent_ = true;
}

std::optional<std::uint16_t> WebSocketClient::close(std::uint16_t code, std::string_view reason,
                                                    std::chrono::milliseconds timeout) {
    sendClose(code, reason);
    return waitForClose(timeout);
}

void WebSocketClient::abort() {
    if (fd_ < 0) return;
    const linger reset{1, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
    ::close(std::exchange(fd_, -1));
}

// --- receiving ---

bool WebSocketClient::receiveSome(Clock::time_point deadline) {
    std::string bytes;
    const bool received = receiveInto(fd_, deadline, bytes, endOfStream_);
    reader_.append(bytes);
    return received;
}

std::optional<ReceivedFrame> WebSocketClient::readFrame(Clock::time_point deadline) {
    std::optional<ReceivedFrame> frame;
    while (!(frame = reader_.next())) {
        if (!receiveSome(deadline)) return std::nullopt;
    }
    try {
        if (frame->opcode == Opcode::Ping && answerPings_) sendFrame(Opcode::Pong, frame->payload);
        if (frame->opcode == Opcode::Close) {
            closeCode_ = frame->closeCode();
            closeReason_ = frame->closeReason();
            if (answerClose_ && !closeSent_) {
                if (*closeCode_ == CloseCode::NoStatusReceived) {
                    sendFrame(Opcode::Close, {});
                    closeSent_ = true;
                } else {
                    sendClose(*closeCode_);
                }
            }
        }
    } catch (const std::runtime_error&) {
        // The server may have closed the socket already; the frame it sent is still worth returning.
    }
    return frame;
}

std::optional<ReceivedFrame> WebSocketClient::readMessage(Clock::time_point deadline) {
    std::optional<ReceivedFrame> message;
    while (auto frame = readFrame(deadline)) {
        if (frame->opcode == Opcode::Close) return std::nullopt;
        if (realtime::websocket::isControl(frame->opcode)) continue;
        if (!message) {
            message = std::move(frame);
        } else {
            message->payload += frame->payload;
            message->fin = frame->fin;
        }
        if (message->fin) return message;
    }
    return std::nullopt;
}

std::optional<ReceivedFrame> WebSocketClient::receive(std::chrono::milliseconds timeout) {
    if (!kept_.empty()) {
        ReceivedFrame frame = std::move(kept_.front());
        kept_.pop_front();
        return frame;
    }
    return readFrame(Clock::now() + timeout);
}

namespace {

nlohmann::json parseJsonMessage(const ReceivedFrame& message) {
    if (message.opcode != Opcode::Text) {
        throw std::runtime_error("websocket client: expected a text message, got opcode " +
                                 std::to_string(static_cast<int>(message.opcode)));
    }
    nlohmann::json parsed = nlohmann::json::parse(message.payload, nullptr, false);
    if (parsed.is_discarded()) throw std::runtime_error("websocket client: the message is not JSON: " + message.payload);
    return parsed;
}

}  // namespace

std::optional<nlohmann::json> WebSocketClient::receiveJson(std::chrono::milliseconds timeout) {
    if (!kept_.empty()) {
        const ReceivedFrame message = std::move(kept_.front());
        kept_.pop_front();
        return parseJsonMessage(message);
    }
    const auto message = readMessage(Clock::now() + timeout);
    if (!message) return std::nullopt;
    return parseJsonMessage(*message);
}

std::optional<nlohmann::json> WebSocketClient::waitFor(const std::function<bool(const nlohmann::json&)>& matches,
                                                       std::chrono::milliseconds timeout) {
    const auto matching = [&](const ReceivedFrame& message) -> std::optional<nlohmann::json> {
        if (message.opcode != Opcode::Text) return std::nullopt;
        nlohmann::json parsed = nlohmann::json::parse(message.payload, nullptr, false);
        if (parsed.is_discarded() || !matches(parsed)) return std::nullopt;
        return parsed;
    };
    for (auto kept = kept_.begin(); kept != kept_.end(); ++kept) {
        if (auto found = matching(*kept)) {
            kept_.erase(kept);
            return found;
        }
    }
    const auto deadline = Clock::now() + timeout;
    while (auto message = readMessage(deadline)) {
        if (auto found = matching(*message)) return found;
        kept_.push_back(std::move(*message));
    }
    return std::nullopt;
}

std::optional<nlohmann::json> WebSocketClient::waitFor(const std::string& type, std::chrono::milliseconds timeout) {
    return waitFor([&](const nlohmann::json& message) { return message.is_object() && message.value("type", "") == type; },
                   timeout);
}

std::optional<std::uint16_t> WebSocketClient::waitForClose(std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    while (!closeCode_ && !endOfStream_ && Clock::now() < deadline) {
        if (auto message = readMessage(deadline)) kept_.push_back(std::move(*message));
    }
    return closeCode_;
}

bool WebSocketClient::waitForEndOfStream(std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    while (!endOfStream_ && fd_ >= 0 && Clock::now() < deadline) {
        if (auto message = readMessage(deadline)) kept_.push_back(std::move(*message));
    }
    return endOfStream_;
}

}  // namespace ocomms::test
