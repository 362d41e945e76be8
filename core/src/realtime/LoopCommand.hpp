// What other threads ask of an event loop. They never touch a connection; they leave a command in the
// loop's inbox and the loop carries it out on its own thread.
#pragma once

#include "realtime/ConnectionLoops.hpp"

#include <chrono>
#include <cstdint>
#include <string>

namespace ocomms::realtime {

struct LoopCommand {
    enum class Kind : std::uint8_t {
        Adopt,         ///< take over `fd` as connection `id`
        Send,          ///< queue `frame`, its bytes already reserved in the connection's SendBudget
        Close,         ///< start the closing handshake with `code` and `reason`
        SlowConsumer,  ///< a send would have passed maxQueuedBytes: close with 1013
        Stop,          ///< close every connection with 1001; leave once they are gone or at `deadline`
    };

    Kind kind = Kind::Send;
    ConnectionId id = 0;
    int fd = -1;
    SharedFrame frame;
    std::uint16_t code = 0;
    std::string reason;
    std::chrono::steady_clock::time_point deadline{};
};

}  // namespace ocomms::realtime
