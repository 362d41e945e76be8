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

using ReplyPtr = std::unique_ptr<redisReply, decltype(&freeReplyObject)>;

std::string scrubbed(std::string what, const std::string& password) {
    // Redis does not echo passwords today; this keeps it so should an error message ever quote one.
    if (!password.empty()) {
        for (auto at = what.find(password); at != std::string::npos; at = what.find(password, at + 3)) {
            what.replace(at, password.size(), "***");
        }
    }
    return what;
}

[[noreturn]] void failFor(const RedisUrl& url, const std::string& what) {
    throw RedisError("redis at " + url.endpoint() + ": " + scrubbed(what, url.password));
}

void appendCommand(redisContext* context, const std::vector<std::string>& arguments) {
    std::vector<const char*> argv;
    std::vector<std::size_t> lengths;
    for (const std::string& argument : arguments) {
        argv.push_back(argument.data());
        lengths.push_back(argument.size());
    }
    redisAppendCommandArgv(context, static_cast<int>(argv.size()), argv.data(), lengths.data());
}

/// Copies a reply; an error reply (also nested) becomes `error`.
RedisReply copyReply(const redisReply& reply, std::string& error) {
    RedisReply out;
    switch (reply.type) {
    case REDIS_REPLY_INTEGER:
        out.kind = RedisReply::Kind::Integer;
        out.integer = reply.integer;
        break;
    case REDIS_REPLY_STRING:
        out.kind = RedisReply::Kind::String;
        out.text.assign(reply.str, reply.len);
        break;
    case REDIS_REPLY_STATUS:
        out.kind = RedisReply::Kind::Status;
        out.text.assign(reply.str, reply.len);
        break;
    case REDIS_REPLY_ARRAY:
        out.kind = RedisReply::Kind::Array;
        for (std::size_t i = 0; i < reply.elements; ++i) out.elements.push_back(copyReply(*reply.element[i], error));
        break;
    case REDIS_REPLY_ERROR:
        if (error.empty()) error.assign(reply.str, reply.len);
        break;
    default:
        break;
    }
    return out;
}

/// Sends `arguments` on a context that is not shared yet (during connect); throws on an error reply.
void runOnNewContext(redisContext* context, const RedisUrl& url, const std::vector<std::string>& arguments) {
    appendCommand(context, arguments);
    void* raw = nullptr;
    if (redisGetReply(context, &raw) != REDIS_OK || raw == nullptr) {
        failFor(url, context->errstr[0] != '\0' ? context->errstr : "no reply");
    }
    const ReplyPtr reply(static_cast<redisReply*>(raw), &freeReplyObject);
    if (reply->type == REDIS_REPLY_ERROR) {
        failFor(url, arguments.front() + " failed: " + std::string(reply->str, reply->len));
    }
}

}  // namespace

redisContext* connectRedis(const RedisUrl& url, std::chrono::milliseconds timeout) {
    const timeval tv = toTimeval(timeout);
    redisContext* context = redisConnectWithTimeout(url.host.c_str(), url.port, tv);
    if (context == nullptr) failFor(url, "cannot allocate a connection");
    try {
        if (context->err != 0) failFor(url, context->errstr);
        if (redisSetTimeout(context, tv) != REDIS_OK) failFor(url, "cannot set the command timeout");
        if (!url.password.empty()) {
            runOnNewContext(context, url,
                            url.user.empty() ? std::vector<std::string>{"AUTH", url.password}
                                             : std::vector<std::string>{"AUTH", url.user, url.password});
        }
        if (url.db != 0) runOnNewContext(context, url, {"SELECT", std::to_string(url.db)});
    } catch (...) {
        redisFree(context);
        throw;
    }
    return context;
}

RedisClient::RedisClient(RedisUrl url, std::chrono::milliseconds timeout) : url_(std::move(url)), timeout_(timeout) {}

RedisClient::~RedisClient() { disconnectLocked(); }

void RedisClient::ping() {
    const RedisReply reply = command({"PING"});
    if (reply.text != "PONG") {
        const std::lock_guard lock(mutex_);
        disconnectLocked();
        fail("answered PING with '" + reply.text + "'");
    }
}

RedisReply RedisClient::command(const std::vector<std::string>& arguments) {
    const std::lock_guard lock(mutex_);
    return std::move(runLocked({arguments}).front());
}

std::vector<RedisReply> RedisClient::pipeline(const std::vector<std::vector<std::string>>& commands) {
    if (commands.empty()) return {};
    const std::lock_guard lock(mutex_);
    return runLocked(commands);
}

std::vector<RedisReply> RedisClient::runLocked(const std::vector<Arguments>& commands) {
    if (context_ == nullptr) context_ = connectRedis(url_, timeout_);
    for (const Arguments& arguments : commands) appendCommand(context_, arguments);
    std::vector<RedisReply> replies;
    std::string firstError;
    std::string failedCommand;
    for (const Arguments& arguments : commands) {
        void* raw = nullptr;
        if (redisGetReply(context_, &raw) != REDIS_OK || raw == nullptr) {
            const std::string error = context_->errstr[0] != '\0' ? context_->errstr : "no reply";
            disconnectLocked();
            fail(error);
        }
        const ReplyPtr reply(static_cast<redisReply*>(raw), &freeReplyObject);
        std::string error;
        replies.push_back(copyReply(*reply, error));
        if (!error.empty() && firstError.empty()) {
            firstError = error;
            failedCommand = arguments.front();
        }
    }
    // Every reply was read, so the connection stays in step and can be kept.
    if (!firstError.empty()) fail(failedCommand + " failed: " + firstError);
    return replies;
}

void RedisClient::disconnectLocked() noexcept {
    if (context_ != nullptr) redisFree(context_);
    context_ = nullptr;
}

void RedisClient::fail(std::string what) const { failFor(url_, what); }

}  // namespace ocomms::redis
