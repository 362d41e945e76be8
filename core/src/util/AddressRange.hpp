// IP address ranges in CIDR notation, for configuration such as server.trusted_proxies.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>

namespace ocomms::util {

/// An address range: "10.0.0.0/8", "::1", "2001:db8::/32" (a bare address is the range of one).
class AddressRange {
public:
    /// Throws std::invalid_argument naming the text when it is not an address or a range.
    static AddressRange parse(const std::string& text);
    bool contains(const std::string& address) const;

private:
    std::string bytes_;  ///< network order, 4 or 16 bytes
    unsigned prefixBits_ = 0;
};

/// Whether `text` is an IP address (IPv4 or IPv6, no port).
bool isIpAddress(const std::string& text);

}  // namespace ocomms::util
