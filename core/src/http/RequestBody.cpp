#include "http/RequestBody.hpp"

#include <istream>

#include <Poco/Exception.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Timespan.h>

#include <ocomms/http.hpp>

namespace ocomms::http {
namespace {

HttpError tooLarge(std::int64_t limit) {
    return HttpError(413, "body_too_large", "request body exceeds " + std::to_string(limit) + " bytes");
}

// Poco's body streams report a malformed chunk or a broken connection by setting badbit, not by throwing.
void checkReadable(const std::istream& in) {
    if (in.bad()) throw HttpError(400, "bad_request", "the request body could not be read");
}

std::string readChunked(std::istream& in, std::int64_t limit) {
    std::string body;
    char buffer[16 * 1024];
    while (in) {
        in.read(buffer, sizeof buffer);
        body.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (static_cast<std::int64_t>(body.size()) > limit) throw tooLarge(limit);
    }
    checkReadable(in);
    return body;
}

std::string readFixed(std::istream& in, std::int64_t length) {
    std::string body(static_cast<std::size_t>(length), '\0');
    in.read(body.data(), length);
    checkReadable(in);
    if (in.gcount() != length) throw HttpError(400, "bad_request", "the request body ended before its Content-Length");
    return body;
}

}  // namespace

std::string readRequestBody(Poco::Net::HTTPServerRequest& request, std::int64_t limit) {
    try {
        if (request.getChunkedTransferEncoding()) return readChunked(request.stream(), limit);
        if (request.has("Transfer-Encoding")) {
            throw HttpError(501, "unsupported_transfer_encoding",
                            "transfer encoding '" + request.get("Transfer-Encoding") + "' is not supported");
        }
        if (!request.hasContentLength()) return {};
        const std::int64_t length = request.getContentLength64();
        if (length < 0) throw HttpError(400, "bad_request", "Content-Length is negative");
        if (length > limit) throw tooLarge(limit);
        return readFixed(request.stream(), length);
    } catch (const Poco::SyntaxException&) {
        throw HttpError(400, "bad_request", "Content-Length is not a number");
    } catch (const Poco::Exception& e) {
        throw HttpError(400, "bad_request", "the request body could not be read: " + e.message());
    }
}

void discardRequestBody(Poco::Net::HTTPServerRequest& request, std::int64_t maxBytes, std::chrono::milliseconds maxTime) {
    const auto deadline = std::chrono::steady_clock::now() + maxTime;
    try {
        if (auto* impl = dynamic_cast<Poco::Net::HTTPServerRequestImpl*>(&request))
            impl->socket().setReceiveTimeout(Poco::Timespan(std::chrono::microseconds(maxTime).count()));
        std::istream& in = request.stream();
        char buffer[64 * 1024];
        std::int64_t discarded = 0;
        while (in && discarded < maxBytes && std::chrono::steady_clock::now() < deadline) {
            in.read(buffer, sizeof buffer);
            discarded += in.gcount();
        }
    } catch (const std::exception&) {
        // The client stopped sending or went away: nothing more to discard.
    }
}

}  // namespace ocomms::http
