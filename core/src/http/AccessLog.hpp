// The access log line written for every request.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace ocomms::http {

struct AccessLogEntry {
    std::string_view method;
    std::string_view path;  ///< as sent, without the query (which may carry secrets)
    int status = 0;
    std::uint64_t bodyBytes = 0;
    std::chrono::steady_clock::duration elapsed{};
    std::string_view requestId;
    std::string_view peer;
    std::string_view owner;  ///< the plugin whose route answered; empty when none did
};

/// "GET /api/health 200 87B 1.3ms rid=... peer=127.0.0.1:50312 plugin=health" ("plugin=-" when no
/// route answered). Bytes of the method and path outside printable ASCII are written as \xHH, so that a
/// client cannot forge log lines.
std::string formatAccessLogLine(const AccessLogEntry& entry);

}  // namespace ocomms::http
