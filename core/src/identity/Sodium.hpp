// libsodium must be initialised once before any of its functions is used.
#pragma once

namespace ocomms::identity {

/// Initialises libsodium on first call (thread-safe); throws std::runtime_error when it cannot.
void requireSodium();

}  // namespace ocomms::identity
