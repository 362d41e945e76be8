#include "support/RedisTestTools.hpp"

#include <random>
#include <sstream>

#include "redis/RedisClient.hpp"
#include "support/TestDatabases.hpp"

namespace ocomms::test {

std::string uniqueRedisPrefix() {
    std::random_device device;
    std::ostringstream out;
    out << "test-" << std::hex << device() << device() << ":";
    return out.str();
}

int killRedisClientsNamed(const std::string& clientName) {
    redis::RedisClient client(redis::parseRedisUrl(redisUrl()), std::chrono::seconds(2));
    // CLIENT LIST: one line per connection, "id=7 addr=... name=... ...".
    std::istringstream lines(client.command({"CLIENT", "LIST"}).text);
    int killed = 0;
    for (std::string line; std::getline(lines, line);) {
        if (line.find(" name=" + clientName + " ") == std::string::npos) continue;
        const std::string id = line.substr(3, line.find(' ') - 3);
        killed += static_cast<int>(client.command({"CLIENT", "KILL", "ID", id}).integer);
    }
    return killed;
}

}  // namespace ocomms::test
