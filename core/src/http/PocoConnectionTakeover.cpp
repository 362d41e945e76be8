#include "http/PocoConnectionTakeover.hpp"

#include <fcntl.h>

#include <cerrno>
#include <system_error>

#include <Poco/Buffer.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerSession.h>
#include <Poco/Net/StreamSocket.h>

namespace ocomms::http {

std::optional<int> PocoConnectionTakeover::switchProtocols(const Headers& headers) {
    auto& request = dynamic_cast<Poco::Net::HTTPServerRequestImpl&>(request_);

    // Poco reads the socket in blocks, so its buffer may hold bytes the client sent after the request's
    // headers. A WebSocket client must wait for the 101 before sending (RFC 6455 section 4.1) and a
    // handshake has no body (checked before), so there should be none; if there are, they would be lost to
    // the new protocol, and refusing is better than a connection that silently misses its first bytes.
    Poco::Buffer<char> early(0);
    request.session().drainBuffer(early);
    if (early.size() > 0) return std::nullopt;

    response_.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_SWITCHING_PROTOCOLS);
    for (const auto& [name, value] : headers) response_.set(name, value);
    response_.send().flush();

    // The session forgets the socket, so Poco neither reads another request from it nor closes it when
    // the handler returns. Our descriptor is a duplicate; Poco's own is closed here with close(), which
    // leaves the connection to the duplicate. (shutdown() would end it for both: HTTPServer::stopAll()
    // shuts down the sockets of its connections, and finds this one's already closed.)
    Poco::Net::StreamSocket socket = request.detachSocket();
    const int descriptor = ::fcntl(socket.impl()->sockfd(), F_DUPFD_CLOEXEC, 0);
    const int error = errno;
    socket.close();
    if (descriptor < 0) throw std::system_error(error, std::generic_category(), "duplicating the upgraded socket");
    switched_ = true;
    return descriptor;
}

}  // namespace ocomms::http
