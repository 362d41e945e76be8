// Which web pages may open a WebSocket. A browser sends cookies with a WebSocket request from any site and
// WebSockets are not bound by CORS, so without this check any page a signed-in user visits could act for
// them (cross-site WebSocket hijacking). Clients that are not browsers send no Origin and pass.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/Origin.hpp"

namespace ocomms::realtime {

class OriginPolicy {
public:
    /// Allows `publicUrl`'s origin and each of `allowedOrigins` (server.allowed_origins: origins, or "*"
    /// for any). Throws std::invalid_argument for an entry that is neither (the configuration check
    /// reports those first, with their place in the file).
    OriginPolicy(const std::string& publicUrl, const std::vector<std::string>& allowedOrigins);

    /// `origin`: the request's Origin header; nullopt when it sent none, which is allowed.
    bool allows(const std::optional<std::string>& origin) const;

private:
    bool allowsAny_ = false;
    std::vector<http::Origin> origins_;
};

}  // namespace ocomms::realtime
