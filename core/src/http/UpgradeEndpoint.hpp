// Paths whose requests take their connection away from HTTP (the WebSocket endpoint). They bypass the
// route table and its Access check, but keep the rest of the pipeline: the request id, 503 while the
// server stops, the client address behind trusted proxies, error bodies and the access log line.
#pragma once

#include <optional>

#include <ocomms/http.hpp>

namespace ocomms::http {

/// The connection of one upgrade request, offered to its endpoint.
class ConnectionTakeover {
public:
    virtual ~ConnectionTakeover() = default;
    /// Sends `101 Switching Protocols` with `headers` and hands over the connection: returns its socket
    /// descriptor, owned by the caller from here on (HTTP keeps no handle that could close or shut it
    /// down). nullopt, with nothing sent, when the client already sent bytes after its request: HTTP has
    /// read them, so the new protocol would never see them. Throws when the 101 cannot be sent.
    virtual std::optional<int> switchProtocols(const Headers& headers) = 0;
};

class UpgradeEndpoint {
public:
    virtual ~UpgradeEndpoint() = default;
    /// Either answers `request` (the returned response, typically an error; the connection is then
    /// closed) or takes the connection over through `takeover` and returns nullopt. May throw HttpError
    /// before switching, like a route handler.
    virtual std::optional<Response> upgrade(const Request& request, ConnectionTakeover& takeover) = 0;
};

}  // namespace ocomms::http
