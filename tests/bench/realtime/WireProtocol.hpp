// What differs between the servers under test: the upgrade request's target, the text of a subscribe and
// of a send, and what each text a server sends means to the load generator.
#pragma once

#include "LoadOptions.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace ocomms::bench {

struct Incoming {
    enum class Kind {
        Ignored,     ///< nothing the benchmark counts (presence, typing, ...)
        Reply,       ///< the protocol wants `reply` sent back (Engine.IO open and ping)
        Connected,   ///< the application protocol is open: subscribe now
        Subscribed,
        Acked,       ///< a send of this connection was acknowledged
        Delivered,   ///< a message for a subscribed channel; `sendNs` when its text carries one
        Failed,      ///< an error answer, or the server ended the session
    };
    Kind kind = Kind::Ignored;
    std::int64_t sendNs = 0;
    std::string_view reply;
};

class WireProtocol {
public:
    virtual ~WireProtocol() = default;

    /// The request target of the WebSocket upgrade.
    virtual std::string upgradeTarget() const = 0;
    /// Whether the session is open as soon as the upgrade is answered (no Connected message follows).
    virtual bool connectedAtUpgrade() const = 0;

    virtual std::string subscribeText(std::int64_t channelId) = 0;
    virtual std::string sendText(std::int64_t channelId, std::string_view text, std::string_view clientId) = 0;

    /// Looks at a text message from the server. Views stay valid as long as `text` and the protocol.
    virtual Incoming classify(std::string_view text) const = 0;
};

/// OComms' /api/ws: JSON objects with a `type`.
std::unique_ptr<WireProtocol> ocommsProtocol();
/// Socket.IO 5 over Engine.IO 4 on a plain WebSocket (no polling).
std::unique_ptr<WireProtocol> socketIoProtocol();

std::unique_ptr<WireProtocol> wireProtocolFor(Protocol protocol);

}  // namespace ocomms::bench
