#include "redis/RedisSubscriber.hpp"

#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <thread>

#include <hiredis/hiredis.h>

namespace ocomms::redis {
namespace {

using Clock = std::chrono::steady_clock;
using ReplyPtr = std::unique_ptr<redisReply, decltype(&freeReplyObject)>;
using ContextPtr = std::unique_ptr<redisContext, decltype(&redisFree)>;

constexpr std::chrono::milliseconds kFirstRetryDelay{100};
constexpr std::chrono::milliseconds kMaxRetryDelay{5000};

std::string textOf(const redisReply& reply) {
    return reply.str != nullptr ? std::string(reply.str, reply.len) : std::string();
}

/// Writes everything hiredis has buffered for the socket.
bool flushOutput(redisContext& context) {
    int done = 0;
    while (done == 0) {
        if (redisBufferWrite(&context, &done) != REDIS_OK) return false;
    }
    return true;
}

void appendCommand(redisContext& context, const std::vector<std::string>& arguments) {
    std::vector<const char*> argv;
    std::vector<std::size_t> lengths;
    for (const std::string& argument : arguments) {
        argv.push_back(argument.data());
        lengths.push_back(argument.size());
    }
    redisAppendCommandArgv(&context, static_cast<int>(argv.size()), argv.data(), lengths.data());
}

}  // namespace

std::string subscriberClientName(const std::string& channel) {
    std::string name = "ocomms-sub:" + channel;
    std::replace_if(name.begin(), name.end(), [](unsigned char c) { return c <= ' ' || c > '~'; }, '_');
    return name;
}

struct RedisSubscriber::Impl {
    Impl(RedisUrl redisUrl, std::vector<std::string> subscribedChannels, MessageHandler messageHandler,
         SubscribedHandler subscribedHandler, Logger& log)
        : url(std::move(redisUrl)),
          channels(std::move(subscribedChannels)),
          onMessage(std::move(messageHandler)),
          onSubscribed(std::move(subscribedHandler)),
          logger(log) {}

    /// Connects and subscribes, waiting for every confirmation. Throws RedisError.
    ContextPtr subscribe(std::chrono::milliseconds timeout) const {
        ContextPtr context(connectRedis(url, timeout), &redisFree);
        appendCommand(*context, {"CLIENT", "SETNAME", subscriberClientName(channels.front())});
        std::vector<std::string> command{"SUBSCRIBE"};
        command.insert(command.end(), channels.begin(), channels.end());
        appendCommand(*context, command);
        for (std::size_t confirmed = 0; confirmed < channels.size() + 1; ++confirmed) {
            void* raw = nullptr;
            if (redisGetReply(context.get(), &raw) != REDIS_OK || raw == nullptr) {
                throw RedisError("redis at " + url.endpoint() + ": SUBSCRIBE failed: " + context->errstr);
            }
            const ReplyPtr reply(static_cast<redisReply*>(raw), &freeReplyObject);
            if (reply->type == REDIS_REPLY_ERROR) {
                throw RedisError("redis at " + url.endpoint() + ": " + (confirmed == 0 ? "CLIENT SETNAME" : "SUBSCRIBE") +
                                 " failed: " + textOf(*reply));
            }
        }
        // From here the thread polls the socket itself; reads happen only when it is readable.
        redisEnableKeepAlive(context.get());
        return context;
    }

    /// Sleeps up to `duration`; false when stop() woke it.
    bool waitUnlessStopped(std::chrono::milliseconds duration) const {
        pollfd wake{wakeRead, POLLIN, 0};
        return ::poll(&wake, 1, static_cast<int>(duration.count())) == 0 && !stopping.load();
    }

    void run(ContextPtr context) {
        bool lost = false;
        auto retryDelay = kFirstRetryDelay;
        while (!stopping.load()) {
            if (!context) {
                if (!waitUnlessStopped(retryDelay)) return;
                try {
                    context = subscribe(kPingInterval);
                    logger.info("redis subscription to " + url.endpoint() + " restored");
                    retryDelay = kFirstRetryDelay;
                    lost = false;
                    onSubscribed(true);
                } catch (const std::exception& e) {
                    if (!lost) logger.warn(std::string("redis subscription lost, retrying: ") + e.what());
                    lost = true;
                    retryDelay = std::min(retryDelay * 2, kMaxRetryDelay);
                }
                continue;
            }
            if (!serve(*context)) {
                if (stopping.load()) return;
                logger.warn("redis subscription to " + url.endpoint() + " lost: " +
                            (context->errstr[0] != '\0' ? context->errstr : "no answer to PING"));
                lost = true;
                context.reset();
            }
        }
    }

    /// Reads and dispatches messages until the connection fails (false) or stop() is called (true).
    bool serve(redisContext& context) {
        auto lastHeard = Clock::now();
        bool pingOutstanding = false;
        while (!stopping.load()) {
            pollfd fds[2] = {{context.fd, POLLIN, 0}, {wakeRead, POLLIN, 0}};
            const int ready = ::poll(fds, 2, static_cast<int>(kPingInterval.count()));
            if (ready < 0 && errno != EINTR) return false;
            if ((fds[1].revents & POLLIN) != 0) return true;
            if (ready > 0 && (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) != 0) {
                if (redisBufferRead(&context) != REDIS_OK) return false;
                if (!dispatchBuffered(context)) return false;
                lastHeard = Clock::now();
                pingOutstanding = false;
                continue;
            }
            if (Clock::now() - lastHeard < kPingInterval) continue;
            if (pingOutstanding) return false;  // a whole interval without an answer
            appendCommand(context, {"PING"});
            if (!flushOutput(context)) return false;
            pingOutstanding = true;
            lastHeard = Clock::now();
        }
        return true;
    }

    bool dispatchBuffered(redisContext& context) {
        for (;;) {
            void* raw = nullptr;
            if (redisGetReplyFromReader(&context, &raw) != REDIS_OK) return false;
            if (raw == nullptr) return true;
            const ReplyPtr reply(static_cast<redisReply*>(raw), &freeReplyObject);
            if (reply->type != REDIS_REPLY_ARRAY || reply->elements != 3) continue;  // e.g. the PING answer
            if (textOf(*reply->element[0]) != "message") continue;
            try {
                onMessage(textOf(*reply->element[1]), textOf(*reply->element[2]));
            } catch (const std::exception& e) {
                logger.error(std::string("redis message handler failed: ") + e.what());
            }
        }
    }

    const RedisUrl url;
    const std::vector<std::string> channels;
    const MessageHandler onMessage;
    const SubscribedHandler onSubscribed;
    Logger& logger;
    std::atomic<bool> stopping{false};
    int wakeRead = -1;
    int wakeWrite = -1;
    std::thread thread;
};

RedisSubscriber::RedisSubscriber(RedisUrl url, std::vector<std::string> channels, MessageHandler onMessage,
                                 SubscribedHandler onSubscribed, Logger& logger)
    : impl_(std::make_unique<Impl>(std::move(url), std::move(channels), std::move(onMessage),
                                   std::move(onSubscribed), logger)) {
    if (impl_->channels.empty()) throw std::invalid_argument("redis subscriber: no channels to subscribe to");
}

RedisSubscriber::~RedisSubscriber() { stop(); }

void RedisSubscriber::start(std::chrono::milliseconds timeout) {
    if (impl_->thread.joinable()) throw std::logic_error("redis subscriber: already started");
    ContextPtr context = impl_->subscribe(timeout);
    int fds[2];
    if (::pipe(fds) != 0) throw RedisError("redis subscriber: cannot create its wake-up pipe");
    impl_->wakeRead = fds[0];
    impl_->wakeWrite = fds[1];
    impl_->onSubscribed(false);
    impl_->thread = std::thread([this, c = std::move(context)]() mutable { impl_->run(std::move(c)); });
}

void RedisSubscriber::stop() {
    if (!impl_->thread.joinable()) return;
    impl_->stopping.store(true);
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(impl_->wakeWrite, &byte, 1);
    impl_->thread.join();
    ::close(impl_->wakeRead);
    ::close(impl_->wakeWrite);
    impl_->wakeRead = impl_->wakeWrite = -1;
}

}  // namespace ocomms::redis
