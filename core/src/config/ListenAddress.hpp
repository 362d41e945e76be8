// `server.listen`: "HOST:PORT", with IPv6 hosts in brackets ("[::1]:8080").
#pragma once

#include <cstdint>
#include <string>

namespace ocomms::config {

struct ListenAddress {
    std::string host;  ///< without brackets: "0.0.0.0", "::1", "localhost"
    std::uint16_t port = 0;
};

struct ListenParse {
    ListenAddress address;
    std::string problem;  ///< empty when `address` is good
};

ListenParse parseListenAddress(const std::string& text);

}  // namespace ocomms::config
