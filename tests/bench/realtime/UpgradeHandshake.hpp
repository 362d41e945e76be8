// The client's side of the WebSocket opening handshake (RFC 6455 section 4.1): the upgrade request and
// the check of the server's answer.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <string_view>

namespace ocomms::bench {

/// A Sec-WebSocket-Key: base64 of 16 random bytes.
std::string newHandshakeKey(std::mt19937_64& random);

/// An empty `bearerToken` sends no Authorization header.
std::string upgradeRequest(const std::string& host, std::uint16_t port, const std::string& target,
                           const std::string& key, const std::string& bearerToken);

/// Why a response head (status line and headers, through the blank line) does not accept the upgrade
/// asked with `key`; empty when it does.
std::string upgradeRefusal(std::string_view head, std::string_view key);

}  // namespace ocomms::bench
