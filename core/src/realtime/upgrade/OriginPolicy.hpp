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

    /// `origin`: the request's Origin header; nullopt when it sent none, which is allowed. `host`: the
    /// request's Host header. A page of the host the request is addressed to is this server's own page
    /// (opened as http://127.0.0.1:8080 where public_url says localhost, or through a proxy that passes
    /// the Host on), so it is allowed too: another site's page cannot choose the Host its browser sends,
    /// and a site that points its own name at this server gets its own cookies, not this server's.
    bool allows(const std::optional<std::string>& origin, const std::optional<std::string>& host = std::nullopt) const;

private:
    bool allowsAny_ = false;
    std::vector<http::Origin> origins_;
};

}  // namespace ocomms::realtime
