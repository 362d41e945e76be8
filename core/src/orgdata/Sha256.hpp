// SHA-256 of data given in pieces (libsodium's crypto_hash_sha256), as lowercase hex.
#pragma once

#include <string>
#include <string_view>

#include <sodium.h>

namespace ocomms::orgdata {

class Sha256 {
public:
    Sha256();
    void update(std::string_view bytes);
    /// The digest of everything given so far, in hex; the object is not to be used afterwards.
    std::string hexDigest();

private:
    crypto_hash_sha256_state state_;
};

}  // namespace ocomms::orgdata
