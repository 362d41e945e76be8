// Which client a request comes from when it passes through proxies we trust (nginx in the compose
// deployment): the rightmost X-Forwarded-For address that is not one of those proxies.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "util/AddressRange.hpp"

namespace ocomms::http {


class TrustedProxies {
public:
    TrustedProxies() = default;
    /// Throws std::invalid_argument for an entry that is not an address or a range.
    explicit TrustedProxies(const std::vector<std::string>& ranges);

    /// The address requests are counted against. `peerIp` is the TCP peer (no port). When the peer is a
    /// trusted proxy, X-Forwarded-For is read from the right, skipping trusted proxies; otherwise, or
    /// when the header holds nothing usable, the peer itself.
    std::string clientAddress(const std::string& peerIp, const std::optional<std::string>& forwardedFor) const;

    bool empty() const { return ranges_.empty(); }

private:
    bool trusted(const std::string& address) const;
    std::vector<util::AddressRange> ranges_;
};

}  // namespace ocomms::http
