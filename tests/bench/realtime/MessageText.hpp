// The text of a benchmark message: it carries its send time (CLOCK_MONOTONIC, ns), so that any
// subscriber on this machine can time the delivery, and its sender, so that texts are distinct.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ocomms::bench {

/// Nanoseconds of CLOCK_MONOTONIC.
std::int64_t monotonicNanoseconds();

/// "<sendNs> <sender>:<number> " padded with 'x' to `length` bytes; only characters JSON leaves as they are.
std::string messageText(std::int64_t sendNs, std::size_t sender, std::uint64_t number, std::size_t length);

/// The send time in the first `"text":"...` of a server's compact JSON, without parsing the rest.
std::optional<std::int64_t> sendTimeInJson(std::string_view json);

}  // namespace ocomms::bench
