#include "LoadOptions.hpp"

#include <charconv>
#include <cmath>
#include <stdexcept>
#include <string_view>

namespace ocomms::bench {
namespace {

template <typename Number>
Number parseNumber(std::string_view flag, std::string_view text) {
    Number value{};
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) {
        throw std::invalid_argument(std::string(flag) + ": not a number: '" + std::string(text) + "'");
    }
    return value;
}

std::size_t positiveCount(std::string_view flag, std::string_view text) {
    const auto value = parseNumber<std::size_t>(flag, text);
    if (value == 0) throw std::invalid_argument(std::string(flag) + ": must be at least 1");
    return value;
}

double nonNegativeSeconds(std::string_view flag, std::string_view text) {
    const auto value = parseNumber<double>(flag, text);
    if (!std::isfinite(value) || value < 0) throw std::invalid_argument(std::string(flag) + ": must be 0 or more");
    return value;
}

Protocol protocolNamed(std::string_view text) {
    if (text == "ocomms") return Protocol::Ocomms;
    if (text == "socketio") return Protocol::SocketIo;
    throw std::invalid_argument("--protocol: must be 'ocomms' or 'socketio', not '" + std::string(text) + "'");
}

void apply(LoadOptions& options, std::string_view flag, std::string_view value) {
    if (flag == "--protocol") options.protocol = protocolNamed(value);
    else if (flag == "--host") options.host = value;
    else if (flag == "--port") {
        const auto port = parseNumber<std::uint32_t>(flag, value);
        if (port == 0 || port > 65535) throw std::invalid_argument("--port: must be 1 to 65535");
        options.port = static_cast<std::uint16_t>(port);
    }
    else if (flag == "--connections") options.connections = positiveCount(flag, value);
    else if (flag == "--channels") options.channels = positiveCount(flag, value);
    else if (flag == "--senders") options.senders = positiveCount(flag, value);
    else if (flag == "--rate") {
        options.rate = parseNumber<double>(flag, value);
        if (!std::isfinite(options.rate) || options.rate <= 0) throw std::invalid_argument("--rate: must be above 0");
    }
    else if (flag == "--text-bytes") options.textBytes = positiveCount(flag, value);
    else if (flag == "--warmup") options.warmupSeconds = nonNegativeSeconds(flag, value);
    else if (flag == "--duration") options.durationSeconds = nonNegativeSeconds(flag, value);
    else if (flag == "--drain") options.drainSeconds = nonNegativeSeconds(flag, value);
    else if (flag == "--idle") { options.idle = true; options.idleSeconds = nonNegativeSeconds(flag, value); }
    else if (flag == "--max-in-flight") options.maxInFlight = positiveCount(flag, value);
    else if (flag == "--connect-timeout") options.connectTimeoutSeconds = nonNegativeSeconds(flag, value);
    else if (flag == "--server-pid") options.serverPid = static_cast<pid_t>(positiveCount(flag, value));
    else if (flag == "--connections-per-user") options.connectionsPerUser = positiveCount(flag, value);
    else if (flag == "--org") options.orgSlug = value;
    else if (flag == "--owner-email") options.ownerEmail = value;
    else if (flag == "--password") options.password = value;
    else throw std::invalid_argument("unknown option: " + std::string(flag));
}

void check(const LoadOptions& options) {
    if (options.port == 0) throw std::invalid_argument("--port: required");
    if (options.channels > options.connections) throw std::invalid_argument("--channels: more than --connections");
    if (options.senders > options.connections) throw std::invalid_argument("--senders: more than --connections");
    // The text carries the send time and the sender; shorter would cut them.
    if (options.textBytes < 40) throw std::invalid_argument("--text-bytes: must be at least 40");
}

}  // namespace

LoadOptions parseLoadOptions(int argc, char** argv) {
    LoadOptions options;
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        std::string_view value;
        if (const auto equals = arg.find('='); equals != std::string_view::npos) {
            value = arg.substr(equals + 1);
            arg = arg.substr(0, equals);
        } else {
            if (i + 1 >= argc) throw std::invalid_argument(std::string(arg) + ": needs a value");
            value = argv[++i];
        }
        apply(options, arg, value);
    }
    if (options.channels == 0) options.channels = (options.connections + 99) / 100;
    check(options);
    return options;
}

std::string loadOptionsUsage() {
    return R"(Usage: ocomms_realtime_loadgen --protocol ocomms|socketio --port PORT [options]

Opens --connections WebSocket connections, subscribes each to one of --channels channels (in equal,
contiguous blocks), and has --senders of them send --rate messages per second each. Every delivery is
timed against the send time embedded in the message text. Prints one JSON line on stdout.

  --host ADDR                server address (default 127.0.0.1)
  --connections N            connections (default 1000)
  --channels N               channels (default: one per 100 connections)
  --senders N                connections that send (default 10), spread over the channels
  --rate R                   messages per second per sender (default 10)
  --text-bytes N             length of each message text (default 64, at least 40)
  --warmup S                 seconds of sending before the measured interval (default 2)
  --duration S               measured seconds (default 10)
  --drain S                  seconds to wait afterwards for the last deliveries (default 5)
  --idle S                   send nothing: hold the subscribed connections idle S seconds, then report
  --max-in-flight N          connections in their handshake at once (default 256)
  --connect-timeout S        give up on connections not subscribed by then (default 180)
  --server-pid PID           read the server's CPU time and RSS from /proc/PID
OComms only (accounts are created through the REST API of a fresh or earlier bench instance):
  --connections-per-user N   connections sharing one user's session (default 100)
  --org SLUG                 organization (default bench)
  --owner-email EMAIL        first user, registered or signed in (default bench-owner@example.com)
  --password TEXT            password of every bench user
)";
}

}  // namespace ocomms::bench
