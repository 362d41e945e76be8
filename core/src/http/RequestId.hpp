// The id that ties a request's response, access log line and error log lines together.
#pragma once

#include <string>
#include <string_view>

namespace ocomms::http {

/// A client's X-Request-Id is kept when it is 1..128 characters of [A-Za-z0-9._-]: enough for the
/// usual UUIDs and trace ids, and safe to put in a log line or a header as it is.
bool isAcceptableRequestId(std::string_view id);

/// 16 random bytes as 32 lowercase hex characters.
std::string newRequestId();

}  // namespace ocomms::http
