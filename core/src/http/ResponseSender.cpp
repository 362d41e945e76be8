#include "http/ResponseSender.hpp"

#include <exception>
#include <ostream>
#include <set>
#include <streambuf>
#include <string_view>

#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/StreamSocket.h>

namespace ocomms::http {
namespace {

/// Passes everything on to `target`, counting the bytes that got there.
class CountingBuffer final : public std::streambuf {
public:
    explicit CountingBuffer(std::ostream& target) : target_(target) {}
    std::uint64_t count() const { return count_; }

protected:
    int_type overflow(int_type ch) override {
        if (traits_type::eq_int_type(ch, traits_type::eof())) return traits_type::not_eof(ch);
        const char c = traits_type::to_char_type(ch);
        return xsputn(&c, 1) == 1 ? ch : traits_type::eof();
    }
    std::streamsize xsputn(const char* data, std::streamsize size) override {
        if (!target_.write(data, size)) return 0;
        count_ += static_cast<std::uint64_t>(size);
        return size;
    }
    int sync() override { return target_.flush() ? 0 : -1; }

private:
    std::ostream& target_;
    std::uint64_t count_ = 0;
};

bool isServerOwnedHeader(std::string_view name) {
    static const std::set<std::string_view, CaseInsensitiveLess> kOwned = {
        "Content-Length", "Transfer-Encoding", "Connection", "X-Request-Id"};
    return kOwned.contains(name);
}

bool hasLineBreak(std::string_view text) { return text.find_first_of("\r\n") != std::string_view::npos; }

void copyHeaders(const Headers& headers, Poco::Net::HTTPServerResponse& response) {
    std::set<std::string_view, CaseInsensitiveLess> seen;
    for (const auto& [name, value] : headers) {
        if (isServerOwnedHeader(name) || hasLineBreak(name) || hasLineBreak(value)) continue;
        // Poco's set() replaces a header it set itself (Date, Server); add() keeps a handler's repeats.
        if (seen.insert(name).second) {
            response.set(name, value);
        } else {
            response.add(name, value);
        }
    }
}

bool mayHaveBody(int status) { return status >= 200 && status != 204 && status != 304; }

void cutConnection(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) {
    response.setKeepAlive(false);
    try {
        if (auto* impl = dynamic_cast<Poco::Net::HTTPServerRequestImpl*>(&request)) impl->socket().shutdown();
    } catch (...) {
        // Already gone: that is what we wanted.
    }
}

SentResponse sendStreamed(const Response& answer, bool sendBody, Poco::Net::HTTPServerRequest& request,
                          Poco::Net::HTTPServerResponse& response) {
    SentResponse sent;
    response.setChunkedTransferEncoding(true);
    std::ostream& out = response.send();
    if (!sendBody) {
        out.flush();
        return sent;
    }
    CountingBuffer counter(out);
    std::ostream counted(&counter);
    try {
        answer.writer(counted);
        counted.flush();
    } catch (const std::exception& e) {
        sent.writerFailure = e.what();
    } catch (...) {
        sent.writerFailure = "an exception that is not a std::exception";
    }
    sent.bodyBytes = counter.count();
    if (sent.writerFailure) cutConnection(request, response);
    return sent;
}

SentResponse sendWhole(const Response& answer, bool sendBody, Poco::Net::HTTPServerResponse& response) {
    SentResponse sent;
    response.setChunkedTransferEncoding(false);
    if (mayHaveBody(answer.status)) response.setContentLength64(static_cast<Poco::Int64>(answer.body.size()));
    std::ostream& out = response.send();
    if (sendBody) {
        out.write(answer.body.data(), static_cast<std::streamsize>(answer.body.size()));
        if (out) sent.bodyBytes = answer.body.size();
    }
    // Everything reaches the socket before the request counts as done, so a stop cannot cut it short.
    out.flush();
    return sent;
}

}  // namespace

SentResponse sendResponse(const Response& answer, Poco::Net::HTTPServerRequest& request,
                          Poco::Net::HTTPServerResponse& response) {
    response.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(answer.status));
    copyHeaders(answer.headers, response);
    const bool sendBody = mayHaveBody(answer.status) && request.getMethod() != Poco::Net::HTTPRequest::HTTP_HEAD;
    if (answer.writer && mayHaveBody(answer.status)) return sendStreamed(answer, sendBody, request, response);
    return sendWhole(answer, sendBody, response);
}

}  // namespace ocomms::http
