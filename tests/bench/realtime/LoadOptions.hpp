// The load generator's command line: which server, which protocol, how many connections, channels and
// senders, and for how long.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <string>

namespace ocomms::bench {

enum class Protocol { Ocomms, SocketIo };

struct LoadOptions {
    Protocol protocol = Protocol::SocketIo;
    std::string host = "127.0.0.1";
    std::uint16_t port = 0;

    std::size_t connections = 1000;
    std::size_t channels = 0;  ///< 0: one channel per 100 connections
    std::size_t senders = 10;
    double rate = 10;           ///< messages per second, per sender
    std::size_t textBytes = 64;

    double warmupSeconds = 2;
    double durationSeconds = 10;
    double drainSeconds = 5;  ///< after the measured interval, how long to wait for the last deliveries

    bool idle = false;         ///< connect and subscribe, send nothing, hold for idleSeconds
    double idleSeconds = 5;

    std::size_t maxInFlight = 256;  ///< connections in their handshake at once
    double connectTimeoutSeconds = 180;
    pid_t serverPid = 0;            ///< 0: no server CPU or RSS figures

    // OComms only: the accounts the generator creates through the REST API.
    std::size_t connectionsPerUser = 100;
    std::string orgSlug = "bench";
    std::string ownerEmail = "bench-owner@example.com";
    std::string password = "bench password, not a secret";
};

/// Throws std::invalid_argument naming the flag at fault.
LoadOptions parseLoadOptions(int argc, char** argv);

std::string loadOptionsUsage();

}  // namespace ocomms::bench
