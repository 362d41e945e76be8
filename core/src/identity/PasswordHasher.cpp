#include "identity/PasswordHasher.hpp"

#include <array>
#include <stdexcept>

#include <sodium.h>

#include "identity/Sodium.hpp"

namespace ocomms::identity {

PasswordHasher::PasswordHasher(PasswordCost cost)
    : opsLimit_(cost.iterations), memLimit_(static_cast<std::size_t>(cost.memoryBytes)) {
    requireSodium();
}

std::string PasswordHasher::hash(std::string_view password) const {
    if (password.size() < kMinPasswordBytes || password.size() > kMaxPasswordBytes) {
        throw std::invalid_argument("password length out of range");
    }
    std::array<char, crypto_pwhash_STRBYTES> out{};
    if (crypto_pwhash_str_alg(out.data(), password.data(), password.size(), opsLimit_, memLimit_,
                              crypto_pwhash_ALG_ARGON2ID13) != 0) {
        throw std::runtime_error("argon2id could not hash the password (out of memory?)");
    }
    return std::string(out.data());
}

bool PasswordHasher::verify(const std::string& hash, std::string_view password) const {
    if (password.size() > kMaxPasswordBytes) return false;
    return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

bool PasswordHasher::needsRehash(const std::string& hash) const {
    return crypto_pwhash_str_needs_rehash(hash.c_str(), opsLimit_, memLimit_) != 0;
}

}  // namespace ocomms::identity
