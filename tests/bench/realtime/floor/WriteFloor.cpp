// ocomms_write_floor: what one write(2) per delivery costs the sending process on this machine, with
// the realtime benchmark's fan-out pattern and nothing else. It bounds every server that writes each
// delivery to its connection separately (OComms, Socket.IO): no such server can deliver more messages
// per CPU-second than this "server" that only writes ready-made frames.
//
//   writer: ocomms_write_floor --listen PORT --connections N [--per-channel 100] [--senders 10]
//               [--rate 20] [--frame-bytes 256] [--warmup 3] [--duration 10]
//           accepts N loopback connections, then posts senders x rate times a second, each post one
//           write of the frame to every connection of the post's channel (channels of per-channel
//           connections, posts round-robin over the first `senders` channels), and prints one JSON
//           line with its own CPU time (getrusage: user + system) over the measured interval.
//   reader: ocomms_write_floor --connect PORT --connections N
//           opens the connections and reads and discards until the writer closes them.
// Run the two pinned to different CPUs, as tests/bench/realtime.sh does.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <algorithm>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

struct Options {
    std::string mode;  // "listen" or "connect"
    int port = 0;
    long connections = 0;
    long perChannel = 100;
    long senders = 10;
    double rate = 20;
    long frameBytes = 256;
    double warmup = 3;
    double duration = 10;
};

Options parse(int argc, char** argv) {
    std::map<std::string, std::string> flags;
    for (int i = 1; i + 1 < argc; i += 2) flags[argv[i]] = argv[i + 1];
    if (argc % 2 == 0) throw std::invalid_argument("flags come in pairs: --name value");
    Options o;
    auto number = [&](const char* name, double fallback) {
        auto it = flags.find(name);
        if (it == flags.end()) return fallback;
        char* end = nullptr;
        const double value = std::strtod(it->second.c_str(), &end);
        if (end == it->second.c_str() || *end != '\0' || value < 0) {
            throw std::invalid_argument(std::string(name) + ": not a number: '" + it->second + "'");
        }
        flags.erase(it);
        return value;
    };
    if (flags.count("--listen")) o.mode = "listen", o.port = static_cast<int>(number("--listen", 0));
    else if (flags.count("--connect")) o.mode = "connect", o.port = static_cast<int>(number("--connect", 0));
    else throw std::invalid_argument("--listen PORT or --connect PORT is required");
    o.connections = static_cast<long>(number("--connections", 0));
    o.perChannel = static_cast<long>(number("--per-channel", 100));
    o.senders = static_cast<long>(number("--senders", 10));
    o.rate = number("--rate", 20);
    o.frameBytes = static_cast<long>(number("--frame-bytes", 256));
    o.warmup = number("--warmup", 3);
    o.duration = number("--duration", 10);
    if (!flags.empty()) throw std::invalid_argument("unknown option: " + flags.begin()->first);
    if (o.port < 1 || o.port > 65535) throw std::invalid_argument("port: must be 1 to 65535");
    if (o.connections < 1 || o.perChannel < 1 || o.senders < 1 || o.rate <= 0 || o.frameBytes < 2) {
        throw std::invalid_argument("--connections, --per-channel, --senders, --rate and --frame-bytes must be positive");
    }
    return o;
}

void fail(const char* what) {
    throw std::runtime_error(std::string(what) + ": " + std::strerror(errno));
}

sockaddr_in loopback(int port) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return address;
}

double cpuSeconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

timespec after(timespec t, double seconds) {
    const auto ns = static_cast<long long>(seconds * 1e9) + t.tv_nsec;
    t.tv_sec += static_cast<time_t>(ns / 1000000000);
    t.tv_nsec = static_cast<long>(ns % 1000000000);
    return t;
}

bool before(const timespec& a, const timespec& b) {
    return a.tv_sec < b.tv_sec || (a.tv_sec == b.tv_sec && a.tv_nsec < b.tv_nsec);
}

void writeAll(int fd, const std::string& frame) {
    std::size_t done = 0;
    while (done < frame.size()) {
        const auto n = write(fd, frame.data() + done, frame.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) fail("write");
        done += static_cast<std::size_t>(n);
    }
}

int runWriter(const Options& o) {
    const int listener = socket(AF_INET, SOCK_STREAM, 0);
    const int one = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    auto address = loopback(o.port);
    if (bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) fail("bind");
    if (listen(listener, 4096) != 0) fail("listen");
    std::printf("listening %d\n", o.port);
    std::fflush(stdout);
    std::vector<int> sockets;
    while (static_cast<long>(sockets.size()) < o.connections) {
        const int fd = accept(listener, nullptr, nullptr);
        if (fd < 0) fail("accept");
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);  // as the servers under test do
        sockets.push_back(fd);
    }
    // A server text frame: FIN + text opcode, 16-bit length when needed, an unmasked payload.
    const auto payload = static_cast<std::size_t>(o.frameBytes) - (o.frameBytes > 127 ? 4 : 2);
    std::string frame(1, '\x81');
    if (payload < 126) frame += static_cast<char>(payload);
    else frame += {'\x7e', static_cast<char>(payload >> 8), static_cast<char>(payload & 0xff)};
    frame += std::string(payload, 'x');

    const long channels = (o.connections + o.perChannel - 1) / o.perChannel;
    const long activeChannels = o.senders < channels ? o.senders : channels;
    timespec start{};
    clock_gettime(CLOCK_MONOTONIC, &start);
    const timespec measureFrom = after(start, o.warmup), end = after(measureFrom, o.duration);
    double cpuAtStart = 0;
    bool measuring = false;
    long long posts = 0, deliveries = 0;
    for (long long post = 0;; ++post) {
        const timespec due = after(start, static_cast<double>(post) / (o.rate * static_cast<double>(o.senders)));
        if (!before(due, end)) break;
        while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &due, nullptr) == EINTR) {
        }
        if (!measuring && !before(due, measureFrom)) {
            measuring = true;
            cpuAtStart = cpuSeconds();
        }
        const long channel = post % activeChannels;
        const long first = channel * o.perChannel;
        const long last = std::min(first + o.perChannel, o.connections);
        for (long i = first; i < last; ++i) writeAll(sockets[static_cast<std::size_t>(i)], frame);
        if (measuring) {
            ++posts;
            deliveries += last - first;
        }
    }
    const double cpu = cpuSeconds() - cpuAtStart;
    for (int fd : sockets) close(fd);
    close(listener);
    std::printf("{\"mode\":\"write_floor\",\"connections\":%ld,\"per_channel\":%ld,\"frame_bytes\":%ld,\"posts\":%lld,"
                "\"deliveries\":%lld,\"writer_cpu_s\":%.3f,\"cpu_us_per_write\":%.2f,"
                "\"delivered_per_writer_cpu_s\":%.0f}\n",
                o.connections, o.perChannel, o.frameBytes, posts, deliveries, cpu,
                deliveries > 0 ? cpu * 1e6 / static_cast<double>(deliveries) : 0.0,
                cpu > 0 ? static_cast<double>(deliveries) / cpu : 0.0);
    return 0;
}

int runReader(const Options& o) {
    const int poller = epoll_create1(0);
    auto address = loopback(o.port);
    for (long i = 0; i < o.connections; ++i) {
        const int fd = socket(AF_INET, SOCK_STREAM, 0);
        if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) fail("connect");
        epoll_event event{};
        event.events = EPOLLIN;
        event.data.fd = fd;
        epoll_ctl(poller, EPOLL_CTL_ADD, fd, &event);
    }
    long open = o.connections;
    std::vector<char> buffer(1 << 16);
    epoll_event ready[512];
    while (open > 0) {
        const int n = epoll_wait(poller, ready, 512, -1);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) fail("epoll_wait");
        for (int i = 0; i < n; ++i) {
            const auto got = read(ready[i].data.fd, buffer.data(), buffer.size());
            if (got == 0 || (got < 0 && errno != EAGAIN && errno != EINTR)) {
                close(ready[i].data.fd);
                --open;
            }
        }
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        const auto options = parse(argc, argv);
        rlimit limit{};
        getrlimit(RLIMIT_NOFILE, &limit);
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
        return options.mode == "listen" ? runWriter(options) : runReader(options);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "ocomms_write_floor: %s\n", e.what());
        return 2;
    }
}
