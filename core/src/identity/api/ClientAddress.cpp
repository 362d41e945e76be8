#include "identity/api/ClientAddress.hpp"

namespace ocomms::identity::api {

std::string clientAddress(const std::string& remoteAddress) {
    if (!remoteAddress.empty() && remoteAddress.front() == '[') {
        const auto close = remoteAddress.find(']');
        if (close != std::string::npos) return remoteAddress.substr(1, close - 1);
        return remoteAddress;
    }
    const auto colon = remoteAddress.find(':');
    // More than one colon without brackets is a bare IPv6 address, which has no port to strip.
    if (colon == std::string::npos || remoteAddress.find(':', colon + 1) != std::string::npos) return remoteAddress;
    return remoteAddress.substr(0, colon);
}

}  // namespace ocomms::identity::api
