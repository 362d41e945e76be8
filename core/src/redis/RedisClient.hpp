// A small synchronous Redis client (hiredis) for the host: connection, PING, commands with bound arguments.
#pragma once

#include <chrono>
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

/// Thread-safe; reconnects on the next call after a failure.
class RedisClient {
public:
    RedisClient(RedisUrl url, std::chrono::milliseconds timeout);
    ~RedisClient();
    RedisClient(const RedisClient&) = delete;
    RedisClient& operator=(const RedisClient&) = delete;

    /// Throws RedisError naming the endpoint when Redis does not answer PONG in time.
    void ping();

    const RedisUrl& url() const { return url_; }

private:
    using Arguments = std::vector<std::string>;

    /// Connects first when needed. Returns a status or string reply; throws RedisError.
    std::string commandLocked(const Arguments& arguments);
    /// Connects, authenticates and selects the database.
    void connectLocked();
    /// Sends one command with bound arguments. A connection that failed is dropped, so the next call
    /// reconnects.
    std::string sendLocked(const Arguments& arguments);
    void disconnectLocked() noexcept;
    /// Throws RedisError naming the endpoint, with the password scrubbed from `what`.
    [[noreturn]] void fail(std::string what) const;

    RedisUrl url_;
    std::chrono::milliseconds timeout_;
    std::mutex mutex_;
    redisContext* context_ = nullptr;
};

}  // namespace ocomms::redis
