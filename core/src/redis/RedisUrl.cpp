#include <algorithm>
#include <cctype>

#include "db/UrlParts.hpp"
#include "redis/RedisClient.hpp"

namespace ocomms::redis {
namespace {

[[noreturn]] void fail(const std::string& reason) { throw RedisError("invalid Redis URL: " + reason); }

int databaseNumber(std::string_view path) {
    if (path.empty() || path == "/") return 0;
    const std::string_view digits = path.substr(1);
    const bool valid = digits.size() <= 9 && std::all_of(digits.begin(), digits.end(), [](unsigned char c) {
                           return std::isdigit(c) != 0;
                       });
    if (!valid) fail("the database after the host must be a number, as in redis://host:6379/0");
    return std::stoi(std::string(digits));
}

}  // namespace

std::string RedisUrl::endpoint() const {
    const std::string shownHost = host.find(':') != std::string::npos ? "[" + host + "]" : host;
    return shownHost + ":" + std::to_string(port);
}

RedisUrl parseRedisUrl(const std::string& text) {
    db::UrlParts parts;
    try {
        parts = db::splitUrl(text);
    } catch (const db::UrlSyntaxError& e) {
        fail(std::string(e.what()) + "; expected redis://[user:password@]host[:port][/db]");
    }
    if (parts.scheme == "rediss") fail("TLS (rediss://) is not supported");
    // The scheme comes before "://", so it cannot hold the password.
    if (parts.scheme != "redis") fail("unsupported scheme '" + parts.scheme + "'; expected redis://");
    if (!parts.query.empty()) fail("a Redis URL takes no options after '?'");

    RedisUrl url;
    if (!parts.host.empty()) url.host = parts.host;
    url.port = parts.port.value_or(url.port);
    url.user = parts.user;
    url.password = parts.password;
    url.db = databaseNumber(parts.path);
    return url;
}

}  // namespace ocomms::redis
