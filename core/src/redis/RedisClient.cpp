#include "redis/RedisClient.hpp"

#include <memory>
#include <sys/time.h>

#include <hiredis/hiredis.h>

namespace ocomms::redis {
namespace {

timeval toTimeval(std::chrono::milliseconds duration) {
    timeval tv{};
    tv.tv_sec = static_cast<decltype(tv.tv_sec)>(duration.count() / 1000);
    tv.tv_usec = static_cast<decltype(tv.tv_usec)>((duration.count() % 1000) * 1000);
    return tv;
}

using Reply = std::unique_ptr<redisReply, decltype(&freeReplyObject)>;

}  // namespace

RedisClient::RedisClient(RedisUrl url, std::chrono::milliseconds timeout) : url_(std::move(url)), timeout_(timeout) {}

RedisClient::~RedisClient() { disconnectLocked(); }

void RedisClient::ping() {
    const std::lock_guard lock(mutex_);
    const std::string reply = commandLocked({"PING"});
    if (reply != "PONG") {
        disconnectLocked();
        fail("answered PING with '" + reply + "'");
    }
}

std::string RedisClient::commandLocked(const Arguments& arguments) {
    if (context_ == nullptr) connectLocked();
    return sendLocked(arguments);
}

void RedisClient::connectLocked() {
    const timeval timeout = toTimeval(timeout_);
    context_ = redisConnectWithTimeout(url_.host.c_str(), url_.port, timeout);
    if (context_ == nullptr) fail("cannot allocate a connection");
    if (context_->err != 0) {
        const std::string error = context_->errstr;
        disconnectLocked();
        fail(error);
    }
    if (redisSetTimeout(context_, timeout) != REDIS_OK) {
        disconnectLocked();
        fail("cannot set the command timeout");
    }
    try {
        if (!url_.password.empty()) {
            sendLocked(url_.user.empty() ? Arguments{"AUTH", url_.password}
                                         : Arguments{"AUTH", url_.user, url_.password});
        }
        if (url_.db != 0) sendLocked({"SELECT", std::to_string(url_.db)});
    } catch (...) {
        disconnectLocked();
        throw;
    }
}

std::string RedisClient::sendLocked(const Arguments& arguments) {
    std::vector<const char*> argv;
    std::vector<std::size_t> lengths;
    for (const std::string& argument : arguments) {
        argv.push_back(argument.data());
        lengths.push_back(argument.size());
    }
    const Reply reply(static_cast<redisReply*>(redisCommandArgv(context_, static_cast<int>(argv.size()),
                                                                argv.data(), lengths.data())),
                      &freeReplyObject);
    if (!reply) {
        const std::string error = context_->errstr[0] != '\0' ? context_->errstr : "no reply";
        disconnectLocked();
        fail(error);
    }
    switch (reply->type) {
    case REDIS_REPLY_STATUS:
    case REDIS_REPLY_STRING:
        return std::string(reply->str, reply->len);
    case REDIS_REPLY_ERROR:
        fail(arguments.front() + " failed: " + std::string(reply->str, reply->len));
    default:
        return {};
    }
}

void RedisClient::disconnectLocked() noexcept {
    if (context_ != nullptr) redisFree(context_);
    context_ = nullptr;
}

void RedisClient::fail(std::string what) const {
    // Redis does not echo passwords today; this keeps it so should an error message ever quote one.
    if (!url_.password.empty()) {
        for (auto at = what.find(url_.password); at != std::string::npos; at = what.find(url_.password, at + 3)) {
            what.replace(at, url_.password.size(), "***");
        }
    }
    throw RedisError("redis at " + url_.endpoint() + ": " + what);
}

}  // namespace ocomms::redis
