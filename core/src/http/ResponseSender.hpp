// Writing an SDK Response onto Poco's response.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <ocomms/http.hpp>

namespace Poco::Net {
class HTTPServerRequest;
class HTTPServerResponse;
}  // namespace Poco::Net

namespace ocomms::http {

struct SentResponse {
    std::uint64_t bodyBytes = 0;
    std::optional<std::string> writerFailure;  ///< what a writer threw after the headers had gone out
};

/// Sends `answer.status` (100..599) with the handler's headers, then the body with a Content-Length, or,
/// with a writer, the writer's output chunked as it is produced. HEAD, 204 and 304 send headers only.
/// Framing headers (Content-Length, Transfer-Encoding, Connection) are the server's own and X-Request-Id
/// is set beforehand, so a handler's are ignored, as is any header whose name or value holds CR or LF.
/// A writer that throws gets the connection cut, so that the client sees a broken body rather than
/// one that looks complete. Poco's exceptions for a failed connection propagate.
SentResponse sendResponse(const Response& answer, Poco::Net::HTTPServerRequest& request,
                          Poco::Net::HTTPServerResponse& response);

}  // namespace ocomms::http
