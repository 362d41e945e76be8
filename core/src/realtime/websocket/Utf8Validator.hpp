// Incremental UTF-8 validation, for text messages that arrive in pieces.
#pragma once

#include <cstdint>
#include <string_view>

namespace ocomms::realtime::websocket {

/// Checks bytes against the well-formed UTF-8 of Unicode's Table 3-7: no overlong forms, no surrogates
/// (U+D800..U+DFFF), nothing above U+10FFFF. A sequence may be split across calls to feed(); only
/// complete() tells whether the text so far also ends on a character boundary.
class Utf8Validator {
public:
    /// Validates the next bytes. Returns false as soon as a byte cannot continue well-formed UTF-8, and
    /// keeps returning false until reset().
    bool feed(std::string_view bytes);

    /// Whether everything fed so far is well-formed and no sequence is left unfinished.
    bool complete() const { return !failed_ && pendingContinuations_ == 0; }

    void reset() { *this = Utf8Validator{}; }

private:
    bool startSequence(std::uint8_t lead);

    std::uint8_t pendingContinuations_ = 0;
    // The next continuation byte's allowed range: narrower than 80..BF only right after the leads
    // E0, ED, F0 and F4, which is how overlong forms, surrogates and values past U+10FFFF are refused.
    std::uint8_t nextLow_ = 0x80;
    std::uint8_t nextHigh_ = 0xBF;
    bool failed_ = false;
};

}  // namespace ocomms::realtime::websocket
