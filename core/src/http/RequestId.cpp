#include "http/RequestId.hpp"

#include <algorithm>
#include <cstdint>
#include <random>

namespace ocomms::http {
namespace {

constexpr std::size_t kMaxClientIdLength = 128;

bool isIdCharacter(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
           c == '-';
}

// Seeded once per thread from the OS: ids must not collide or be guessable from one another, but they
// are no secret, so a fast engine will do and a request need not pay for a system call.
std::mt19937_64& engine() {
    thread_local std::mt19937_64 generator = [] {
        std::random_device device;
        std::seed_seq seed{device(), device(), device(), device(), device(), device(), device(), device()};
        return std::mt19937_64(seed);
    }();
    return generator;
}

}  // namespace

bool isAcceptableRequestId(std::string_view id) {
    return !id.empty() && id.size() <= kMaxClientIdLength && std::all_of(id.begin(), id.end(), isIdCharacter);
}

std::string newRequestId() {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string id;
    id.reserve(32);
    for (int word = 0; word < 2; ++word) {
        std::uint64_t bits = engine()();
        for (int nibble = 0; nibble < 16; ++nibble) {
            id.push_back(kHex[bits & 0xF]);
            bits >>= 4;
        }
    }
    return id;
}

}  // namespace ocomms::http
