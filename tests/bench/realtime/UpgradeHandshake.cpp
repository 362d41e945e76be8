#include "UpgradeHandshake.hpp"

#include "realtime/websocket/Handshake.hpp"

#include <Poco/Base64Encoder.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <sstream>

namespace ocomms::bench {
namespace {

bool equalsIgnoringCase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

std::string_view trimmed(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.remove_suffix(1);
    return text;
}

/// The value of header `name` in a response head, or nothing.
std::string_view headerValue(std::string_view head, std::string_view name) {
    std::size_t start = head.find('\n');
    while (start != std::string_view::npos && start + 1 < head.size()) {
        const std::size_t end = head.find('\n', start + 1);
        const auto line = head.substr(start + 1, end == std::string_view::npos ? std::string_view::npos : end - start - 1);
        const auto colon = line.find(':');
        if (colon != std::string_view::npos && equalsIgnoringCase(trimmed(line.substr(0, colon)), name)) {
            return trimmed(line.substr(colon + 1));
        }
        start = end;
    }
    return {};
}

}  // namespace

std::string newHandshakeKey(std::mt19937_64& random) {
    std::array<char, 16> nonce{};
    for (auto& byte : nonce) byte = static_cast<char>(random() & 0xFF);
    std::ostringstream encoded;
    Poco::Base64Encoder encoder(encoded);
    encoder.write(nonce.data(), static_cast<std::streamsize>(nonce.size()));
    encoder.close();
    return encoded.str();
}

std::string upgradeRequest(const std::string& host, std::uint16_t port, const std::string& target,
                           const std::string& key, const std::string& bearerToken) {
    std::string request = "GET " + target + " HTTP/1.1\r\nHost: " + host + ":" + std::to_string(port) +
                          "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                          "Sec-WebSocket-Key: " + key + "\r\n";
    if (!bearerToken.empty()) request += "Authorization: Bearer " + bearerToken + "\r\n";
    return request + "\r\n";
}

std::string upgradeRefusal(std::string_view head, std::string_view key) {
    const auto statusLine = head.substr(0, head.find('\r'));
    if (!statusLine.starts_with("HTTP/1.1 101")) return "upgrade refused: " + std::string(statusLine);
    const auto accept = headerValue(head, "Sec-WebSocket-Accept");
    if (accept != realtime::websocket::acceptKey(key)) return "wrong Sec-WebSocket-Accept: '" + std::string(accept) + "'";
    return {};
}

}  // namespace ocomms::bench
