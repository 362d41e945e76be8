// A small synchronous Redis client (hiredis) for the host: connection, PING, commands with bound arguments.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

struct redisContext;

namespace ocomms::redis {

class RedisError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// `redis://[:password@]host[:port][/db]` (also `redis://user:password@host:port/db`).
struct RedisUrl {
    std::string host = "127.0.0.1";
    int port = 6379;
    std::string user;
    std::string password;  ///< never logged
    int db = 0;
    std::string endpoint() const;  ///< "host:port"
};

/// Throws RedisError (without the password) for a malformed URL.
RedisUrl parseRedisUrl(const std::string& url);

/// A reply from Redis, copied out of hiredis. Errors are thrown as RedisError instead.
struct RedisReply {
    enum class Kind { Nil, Integer, String, Status, Array };
    Kind kind = Kind::Nil;
    std::int64_t integer = 0;
    std::string text;                 ///< for String and Status
    std::vector<RedisReply> elements; ///< for Array

    bool isNil() const { return kind == Kind::Nil; }
};

/// Opens a connection, authenticates and selects the URL's database; `timeout` applies to the connect
/// and to every command. Throws RedisError naming the endpoint (never the password). The caller frees
/// the context with redisFree. For connections that need their own thread (SUBSCRIBE).
redisContext* connectRedis(const RedisUrl& url, std::chrono::milliseconds timeout);

/// Thread-safe; reconnects on the next call after a failure.
class RedisClient {
public:
    RedisClient(RedisUrl url, std::chrono::milliseconds timeout);
    ~RedisClient();
    RedisClient(const RedisClient&) = delete;
    RedisClient& operator=(const RedisClient&) = delete;

    /// Throws RedisError naming the endpoint when Redis does not answer PONG in time.
    void ping();

    /// Runs one command with bound arguments ({"SET", key, value, "PX", "30000"}). Throws RedisError
    /// naming the endpoint and the command's name (not its arguments) on an error reply or a lost
    /// connection; the next call reconnects.
    RedisReply command(const std::vector<std::string>& arguments);
    /// Runs the commands in one round trip (pipelined), returning their replies in order.
    std::vector<RedisReply> pipeline(const std::vector<std::vector<std::string>>& commands);

    const RedisUrl& url() const { return url_; }

private:
    using Arguments = std::vector<std::string>;

    /// Connects when needed and sends the commands pipelined. A connection that failed is dropped, so the
    /// next call reconnects.
    std::vector<RedisReply> runLocked(const std::vector<Arguments>& commands);
    void disconnectLocked() noexcept;
    /// Throws RedisError naming the endpoint, with the password scrubbed from `what`.
    [[noreturn]] void fail(std::string what) const;

    RedisUrl url_;
    std::chrono::milliseconds timeout_;
    std::mutex mutex_;
    redisContext* context_ = nullptr;
};

}  // namespace ocomms::redis
