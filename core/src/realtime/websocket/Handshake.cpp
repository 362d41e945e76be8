#include "realtime/websocket/Handshake.hpp"

#include <Poco/Base64Encoder.h>
#include <Poco/SHA1Engine.h>

#include <algorithm>
#include <cctype>
#include <sstream>

namespace ocomms::realtime::websocket {
namespace {

constexpr std::string_view kHandshakeGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

bool isBase64Character(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '+' || c == '/';
}

}  // namespace

bool isWellFormedClientKey(std::string_view secWebSocketKey) {
    constexpr std::size_t kEncodedSize = 24;  // 16 bytes in base64
    return secWebSocketKey.size() == kEncodedSize && secWebSocketKey.substr(22) == "==" &&
           std::all_of(secWebSocketKey.begin(), secWebSocketKey.begin() + 22, isBase64Character);
}

std::string acceptKey(std::string_view secWebSocketKey) {
    Poco::SHA1Engine sha1;
    sha1.update(secWebSocketKey.data(), secWebSocketKey.size());
    sha1.update(kHandshakeGuid.data(), kHandshakeGuid.size());
    const Poco::DigestEngine::Digest& digest = sha1.digest();

    std::ostringstream encoded;
    Poco::Base64Encoder encoder(encoded);
    encoder.rdbuf()->setLineLength(0);
    encoder.write(reinterpret_cast<const char*>(digest.data()), static_cast<std::streamsize>(digest.size()));
    encoder.close();
    return encoded.str();
}

}  // namespace ocomms::realtime::websocket
