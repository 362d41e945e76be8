// Redis chores for tests: unique names, so that tests running in parallel against the one test server
// never hear each other, and cutting a subscriber's connection to simulate a lost subscription.
#pragma once

#include <string>

namespace ocomms::test {

/// A prefix no other test uses: "test-<random>:".
std::string uniqueRedisPrefix();

/// Kills, on the test Redis, every connection named `clientName` (CLIENT SETNAME); returns how many.
int killRedisClientsNamed(const std::string& clientName);

}  // namespace ocomms::test
