// Reading a request's body into memory, within a size limit.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace Poco::Net {
class HTTPServerRequest;
}

namespace ocomms::http {

/// A chunked body is read with a running count and given up once past `limit`; a body with a
/// Content-Length above `limit` is refused without reading a byte of it; a request with neither has no
/// body. Throws HttpError 413 `body_too_large`, or 400 `bad_request` for a Content-Length that is not a
/// number or a malformed chunk; 501 `unsupported_transfer_encoding` for a coding other than chunked.
/// After any of these the connection is out of step with the client and must be closed.
std::string readRequestBody(Poco::Net::HTTPServerRequest& request, std::int64_t limit);

/// Reads and throws away what the client still sends of a refused body, for at most `maxBytes` and
/// `maxTime`, before the connection is closed. A client that writes its whole body before reading the
/// answer would otherwise meet a connection reset instead of the 413 (nginx calls this lingering close).
void discardRequestBody(Poco::Net::HTTPServerRequest& request, std::int64_t maxBytes, std::chrono::milliseconds maxTime);

}  // namespace ocomms::http
