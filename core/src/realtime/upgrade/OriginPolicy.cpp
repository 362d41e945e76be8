#include "realtime/upgrade/OriginPolicy.hpp"

#include <algorithm>
#include <stdexcept>

namespace ocomms::realtime {

OriginPolicy::OriginPolicy(const std::string& publicUrl, const std::vector<std::string>& allowedOrigins) {
    origins_.push_back(http::Origin::ofUrl(publicUrl));
    for (const auto& entry : allowedOrigins) {
        if (entry == "*") {
            allowsAny_ = true;
            continue;
        }
        try {
            origins_.push_back(http::Origin::parse(entry));
        } catch (const std::invalid_argument& e) {
            throw std::invalid_argument("server.allowed_origins: \"" + entry + "\" is not an origin: " + e.what());
        }
    }
}

bool OriginPolicy::allows(const std::optional<std::string>& origin, const std::optional<std::string>& host) const {
    if (!origin || allowsAny_) return true;
    try {
        // "null" (sandboxed pages, file: URLs) and anything else malformed is refused by parse().
        const auto page = http::Origin::parse(*origin);
        if (std::find(origins_.begin(), origins_.end(), page) != origins_.end()) return true;
        // The Host read as an origin of the page's scheme, so that a port left out means the default.
        return host && !host->empty() && http::Origin::parse(page.scheme + "://" + *host) == page;
    } catch (const std::invalid_argument&) {
        return false;
    }
}

}  // namespace ocomms::realtime
