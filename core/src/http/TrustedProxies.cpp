#include "http/TrustedProxies.hpp"

#include "util/Trim.hpp"


namespace ocomms::http {
TrustedProxies::TrustedProxies(const std::vector<std::string>& ranges) {
    for (const auto& text : ranges) ranges_.push_back(util::AddressRange::parse(text));
}

bool TrustedProxies::trusted(const std::string& address) const {
    for (const auto& range : ranges_)
        if (range.contains(address)) return true;
    return false;
}

std::string TrustedProxies::clientAddress(const std::string& peerIp,
                                          const std::optional<std::string>& forwardedFor) const {
    if (!forwardedFor || !trusted(peerIp)) return peerIp;
    // The rightmost entries were added by our own proxies; the first one they did not add is the client.
    std::string_view rest = *forwardedFor;
    std::string client = peerIp;
    while (!rest.empty()) {
        const auto comma = rest.rfind(',');
        const std::string_view entry = util::trimBlanks(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(0, comma);
        const std::string candidate(entry);
        if (!util::isIpAddress(candidate)) return client;  // garbled: nothing to its left can be believed
        client = candidate;
        if (!trusted(candidate)) return client;
    }
    return client;  // every hop is one of ours: the leftmost is the client
}

}  // namespace ocomms::http
