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

bool OriginPolicy::allows(const std::optional<std::string>& origin) const {
    if (!origin || allowsAny_) return true;
    try {
        // "null" (sandboxed pages, file: URLs) and anything else malformed is refused by parse().
        return std::find(origins_.begin(), origins_.end(), http::Origin::parse(*origin)) != origins_.end();
    } catch (const std::invalid_argument&) {
        return false;
    }
}

}  // namespace ocomms::realtime
