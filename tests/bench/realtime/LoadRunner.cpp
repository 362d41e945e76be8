#include "LoadRunner.hpp"

#include "LoadConnections.hpp"
#include "MessageText.hpp"
#include "ProcessStats.hpp"

#include <sys/resource.h>

#include <algorithm>
#include <cmath>
#include <csignal>
#include <iostream>
#include <limits>
#include <optional>

namespace ocomms::bench {
namespace {

volatile std::sig_atomic_t stopRequested = 0;

constexpr std::int64_t kNanosecondsPerSecond = 1'000'000'000;
constexpr std::int64_t kProgressEvery = 2 * kNanosecondsPerSecond;
constexpr int kLongestPollMs = 50;

std::int64_t nanoseconds(double seconds) { return static_cast<std::int64_t>(seconds * 1e9); }
double seconds(std::int64_t nanoseconds) { return static_cast<double>(nanoseconds) / 1e9; }
double rounded(double value, int decimals) {
    const double scale = std::pow(10.0, decimals);
    return std::round(value * scale) / scale;
}

struct Sender {
    std::size_t index = 0;
    std::size_t connection = 0;
    std::int64_t channelId = 0;
    std::uint64_t fanOut = 0;  ///< subscribed connections of its channel, itself included
    std::int64_t nextSendNs = 0;
    std::uint64_t sent = 0;
};

/// CPU time this process used so far: shows whether the generator kept up.
double ownCpuSeconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const auto secondsOf = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
    return secondsOf(usage.ru_utime) + secondsOf(usage.ru_stime);
}

/// The counters at one instant, to measure an interval by difference.
struct Snapshot {
    std::int64_t atNs = 0;
    double ownCpuSeconds = 0;
    std::optional<double> serverCpuSeconds;
    std::uint64_t sent = 0;
    std::uint64_t acked = 0;
    std::uint64_t delivered = 0;
};

class LoadRunner {
public:
    LoadRunner(const LoadOptions& options, const Workload& workload, WireProtocol& protocol)
        : options_(options), workload_(workload), protocol_(protocol), connections_(options, workload, protocol) {}

    nlohmann::ordered_json run() {
        nlohmann::ordered_json report;
        report["protocol"] = options_.protocol == Protocol::Ocomms ? "ocomms" : "socketio";
        report["mode"] = options_.idle ? "idle" : "load";
        report["connections"] = workload_.connections;
        report["channels"] = workload_.channelIds.size();
        const auto rssBefore = serverRss();
        const auto connectStart = monotonicNanoseconds();
        connectAll();
        report["subscribed"] = connections_.tally().subscribed;
        report["connect_s"] = rounded(seconds(monotonicNanoseconds() - connectStart), 2);
        if (options_.idle) {
            holdIdle(report, rssBefore);
        } else {
            measureLoad(report);
        }
        const Tally& tally = connections_.tally();
        report["errors"] = tally.errors();
        for (const auto& error : tally.firstErrors) std::cerr << "[loadgen] error: " << error << '\n';
        return report;
    }

private:
    std::optional<std::uint64_t> serverRss() const {
        return options_.serverPid > 0 ? processRssKib(options_.serverPid) : std::nullopt;
    }

    std::optional<double> serverCpu() const {
        return options_.serverPid > 0 ? processCpuSeconds(options_.serverPid) : std::nullopt;
    }

    void connectAll() {
        const auto deadline = monotonicNanoseconds() + nanoseconds(options_.connectTimeoutSeconds);
        auto nextProgress = monotonicNanoseconds() + kProgressEvery;
        while (!connections_.allSettled() && !stopRequested && monotonicNanoseconds() < deadline) {
            connections_.openMore();
            connections_.poll(10);
            if (monotonicNanoseconds() >= nextProgress) {
                nextProgress += kProgressEvery;
                std::cerr << "[loadgen] " << connections_.tally().subscribed << "/" << workload_.connections
                          << " subscribed, " << connections_.tally().failedToOpen << " failed\n";
            }
        }
    }

    /// Handles socket events (pings among them) for `duration`, sending nothing.
    void pollFor(double duration) {
        const auto until = monotonicNanoseconds() + nanoseconds(duration);
        while (!stopRequested) {
            const auto left = until - monotonicNanoseconds();
            if (left <= 0) return;
            connections_.poll(static_cast<int>(std::min<std::int64_t>(left / 1'000'000 + 1, kLongestPollMs)));
        }
    }

    void holdIdle(nlohmann::ordered_json& report, std::optional<std::uint64_t> rssBefore) {
        pollFor(options_.idleSeconds);
        const auto rssIdle = serverRss();
        if (!rssBefore || !rssIdle) return;
        report["server_rss_before_kib"] = *rssBefore;
        report["server_rss_idle_kib"] = *rssIdle;
        const auto open = connections_.tally().subscribed - connections_.tally().closedAfterOpen;
        if (open > 0) {
            const double perConnection = (static_cast<double>(*rssIdle) - static_cast<double>(*rssBefore)) / static_cast<double>(open);
            report["server_rss_per_connection_kib"] = rounded(perConnection, 2);
        }
    }

    void startSenders() {
        std::vector<std::uint64_t> subscribedPerChannel(workload_.channelIds.size(), 0);
        for (std::size_t connection = 0; connection < workload_.connections; ++connection) {
            if (connections_.isSubscribed(connection)) ++subscribedPerChannel[workload_.channelOf(connection)];
        }
        const auto now = monotonicNanoseconds();
        intervalNs_ = static_cast<std::int64_t>(1e9 / options_.rate);
        for (std::size_t index = 0; index < workload_.senders; ++index) {
            Sender sender;
            sender.index = index;
            sender.connection = workload_.connectionOfSender(index);
            const auto channel = workload_.channelOf(sender.connection);
            sender.channelId = workload_.channelIds[channel];
            sender.fanOut = subscribedPerChannel[channel];
            // Spread over one interval, so that the senders do not all fire together.
            sender.nextSendNs = now + intervalNs_ * static_cast<std::int64_t>(index) / static_cast<std::int64_t>(workload_.senders);
            senders_.push_back(sender);
        }
    }

    void send(Sender& sender, std::int64_t now) {
        if (!connections_.isSubscribed(sender.connection)) return;
        const auto text = messageText(now, sender.index, ++sender.sent, options_.textBytes);
        const auto clientId = std::to_string(sender.index) + "-" + std::to_string(sender.sent);
        connections_.sendText(sender.connection, protocol_.sendText(sender.channelId, text, clientId));
        ++sent_;
        expectedDeliveries_ += sender.fanOut;
    }

    /// Sends at the configured rate (catching up after a late wake-up) while handling socket events.
    void sendFor(double duration) {
        const auto until = monotonicNanoseconds() + nanoseconds(duration);
        while (!stopRequested) {
            auto now = monotonicNanoseconds();
            if (now >= until) return;
            auto nextDue = until;
            for (auto& sender : senders_) {
                while (sender.nextSendNs <= now) {
                    send(sender, now);
                    sender.nextSendNs += intervalNs_;
                }
                nextDue = std::min(nextDue, sender.nextSendNs);
            }
            now = monotonicNanoseconds();
            const auto waitMs = nextDue > now ? (nextDue - now) / 1'000'000 : 0;
            connections_.poll(static_cast<int>(std::min<std::int64_t>(waitMs, kLongestPollMs)));
        }
    }

    /// Waits for the deliveries still due, up to --drain seconds.
    void drain() {
        const auto until = monotonicNanoseconds() + nanoseconds(options_.drainSeconds);
        while (!stopRequested && connections_.tally().delivered < expectedDeliveries_ && monotonicNanoseconds() < until) {
            connections_.poll(10);
        }
    }

    Snapshot snapshot() {
        const Tally& tally = connections_.tally();
        return Snapshot{monotonicNanoseconds(), ownCpuSeconds(), serverCpu(), sent_, tally.acked, tally.delivered};
    }

    void measureLoad(nlohmann::ordered_json& report) {
        startSenders();
        sendFor(options_.warmupSeconds);
        const Snapshot begin = snapshot();
        connections_.tally().latency.clear();
        sendFor(options_.durationSeconds);
        const Snapshot end = snapshot();
        const LatencyHistogram latency = connections_.tally().latency;
        drain();

        const double elapsed = seconds(end.atNs - begin.atNs);
        const auto delivered = end.delivered - begin.delivered;
        report["senders"] = workload_.senders;
        report["rate_per_sender"] = options_.rate;
        report["duration_s"] = rounded(elapsed, 3);
        report["sent"] = end.sent - begin.sent;
        report["acked"] = end.acked - begin.acked;
        report["delivered"] = delivered;
        report["delivered_per_s"] = std::round(static_cast<double>(delivered) / elapsed);
        report["latency_p50_us"] = latency.percentile(0.50);
        report["latency_p99_us"] = latency.percentile(0.99);
        report["latency_max_us"] = latency.max();
        if (begin.serverCpuSeconds && end.serverCpuSeconds) {
            const double cpu = *end.serverCpuSeconds - *begin.serverCpuSeconds;
            report["server_cpu_s"] = rounded(cpu, 2);
            report["delivered_per_server_cpu_s"] = cpu > 0 ? std::round(static_cast<double>(delivered) / cpu) : 0.0;
        }
        report["loadgen_cpu_s"] = rounded(end.ownCpuSeconds - begin.ownCpuSeconds, 2);
        // Over the whole run, after the drain: what the server never delivered.
        report["expected_total"] = expectedDeliveries_;
        report["delivered_total"] = connections_.tally().delivered;
    }

    const LoadOptions& options_;
    const Workload& workload_;
    WireProtocol& protocol_;
    LoadConnections connections_;
    std::vector<Sender> senders_;
    std::int64_t intervalNs_ = 0;
    std::uint64_t sent_ = 0;
    std::uint64_t expectedDeliveries_ = 0;
};

}  // namespace

nlohmann::ordered_json runLoad(const LoadOptions& options, const Workload& workload, WireProtocol& protocol) {
    return LoadRunner(options, workload, protocol).run();
}

void requestStop() { stopRequested = 1; }

}  // namespace ocomms::bench
