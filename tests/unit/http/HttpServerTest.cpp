#include "http/HttpServer.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <future>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <Poco/Exception.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/StreamCopier.h>
#include <nlohmann/json.hpp>

#include "support/CapturingLogger.hpp"

namespace ocomms::http {
namespace {

using namespace std::chrono_literals;
using test::CapturingLogger;

constexpr std::int64_t kBodyLimit = 1024;

struct Reply {
    Poco::Net::HTTPResponse response;
    std::string body;

    int status() const { return static_cast<int>(response.getStatus()); }
    std::string header(const std::string& name) const { return response.get(name, ""); }
    nlohmann::json json() const { return nlohmann::json::parse(body); }
};

struct Call {
    Call(std::string callMethod, std::string callUri) : method(std::move(callMethod)), uri(std::move(callUri)) {}
    Call& withBody(std::string content, bool sendChunked = false) {
        body = std::move(content);
        chunked = sendChunked;
        return *this;
    }
    Call& withHeader(std::string name, std::string value) {
        headers.emplace_back(std::move(name), std::move(value));
        return *this;
    }

    std::string method;
    std::string uri;
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
    bool chunked = false;
};

Reply send(std::uint16_t port, const Call& call) {
    Poco::Net::HTTPClientSession session("127.0.0.1", port);
    session.setTimeout(Poco::Timespan(10, 0));
    Poco::Net::HTTPRequest request(call.method, call.uri, Poco::Net::HTTPMessage::HTTP_1_1);
    for (const auto& [name, value] : call.headers) request.set(name, value);
    if (call.chunked) {
        request.setChunkedTransferEncoding(true);
    } else if (!call.body.empty()) {
        request.setContentLength64(static_cast<Poco::Int64>(call.body.size()));
    }
    session.sendRequest(request) << call.body;

    Reply reply;
    std::istream& in = session.receiveResponse(reply.response);
    Poco::StreamCopier::copyToString(in, reply.body);
    return reply;
}

bool connectionRefused(std::uint16_t port) {
    try {
        Poco::Net::StreamSocket socket;
        socket.connect(Poco::Net::SocketAddress("127.0.0.1", port), Poco::Timespan(2, 0));
        return false;
    } catch (const Poco::Net::ConnectionRefusedException&) {
        return true;
    }
}

/// Every byte the server sends for `rawRequest`, up to its closing the connection.
std::string rawExchange(std::uint16_t port, const std::string& rawRequest) {
    Poco::Net::StreamSocket socket(Poco::Net::SocketAddress("127.0.0.1", port));
    socket.setReceiveTimeout(Poco::Timespan(10, 0));
    socket.sendBytes(rawRequest.data(), static_cast<int>(rawRequest.size()));
    std::string received;
    char buffer[4096];
    while (true) {
        const int n = socket.receiveBytes(buffer, sizeof buffer);
        if (n <= 0) return received;
        received.append(buffer, static_cast<std::size_t>(n));
    }
}

bool isGeneratedRequestId(const std::string& id) {
    return id.size() == 32 &&
           std::all_of(id.begin(), id.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

std::vector<std::string> words(const std::string& line) {
    std::vector<std::string> split;
    std::istringstream in(line);
    for (std::string word; in >> word;) split.push_back(word);
    return split;
}

/// A deterministic, non-repeating-looking body of `size` bytes.
std::string pattern(std::size_t size) {
    std::string text(size, '\0');
    for (std::size_t i = 0; i < size; ++i) text[i] = static_cast<char>('a' + (i * 7 + i / 1000) % 26);
    return text;
}

class HttpServerTest : public ::testing::Test {
protected:
    void start() {
        HttpServerOptions options;
        options.host = "127.0.0.1";
        options.port = 0;
        options.threads = 4;
        options.maxBodyBytes = kBodyLimit;
        options.keepAliveTimeout = 2s;
        server = std::make_unique<HttpServer>(options, routes, accessLog, errorLog);
        server->start();
        ASSERT_NE(server->port(), 0);
    }

    Reply call(const Call& request) { return send(server->port(), request); }
    Reply get(const std::string& uri) { return call(Call("GET", uri)); }

    RouteTable routes;
    CapturingLogger accessLog;
    CapturingLogger errorLog;
    std::unique_ptr<HttpServer> server;
};

void expectJsonError(const Reply& reply, int status, const std::string& code) {
    EXPECT_EQ(reply.status(), status);
    EXPECT_EQ(reply.header("Content-Type"), "application/json");
    const nlohmann::json body = reply.json();
    EXPECT_EQ(body.at("error").at("code"), code) << reply.body;
    EXPECT_TRUE(body.at("error").at("message").is_string()) << reply.body;
}

TEST_F(HttpServerTest, JsonRoundTripWithPathParametersQueryAndBody) {
    routes.add("items", nullptr, Method::Post, "/api/items/{id}", Access::Public, [](const Request& request) {
        nlohmann::json tags = nlohmann::json::array();
        auto [first, last] = request.query.equal_range("tag");
        for (auto it = first; it != last; ++it) tags.push_back(it->second);
        return Response::json({{"id", request.param("id")},
                               {"path", request.path},
                               {"q", request.queryValue("q").value_or("")},
                               {"tags", tags},
                               {"n", request.json().at("n")},
                               {"custom", request.header("x-custom").value_or("")},
                               {"peer", request.remoteAddress},
                               {"requestId", request.requestId}},
                              201);
    });
    start();

    const Reply reply = call(Call("POST", "/api/items/a%20b?q=x+y%21&tag=1&tag=2").withBody(R"({"n":42})").withHeader("X-Custom", "yes"));

    ASSERT_EQ(reply.status(), 201) << reply.body;
    EXPECT_EQ(reply.header("Content-Type"), "application/json");
    const nlohmann::json body = reply.json();
    EXPECT_EQ(body["id"], "a b");
    EXPECT_EQ(body["path"], "/api/items/a b");
    EXPECT_EQ(body["q"], "x y!");
    EXPECT_EQ(body["tags"], nlohmann::json::array({"1", "2"}));
    EXPECT_EQ(body["n"], 42);
    EXPECT_EQ(body["custom"], "yes");
    EXPECT_TRUE(body["peer"].get<std::string>().starts_with("127.0.0.1:"));
    EXPECT_EQ(body["requestId"], reply.header("X-Request-Id"));

    const auto line = accessLog.waitForLine("POST /api/items/");
    ASSERT_TRUE(line);
    EXPECT_EQ(line->level, LogLevel::Info);
    const std::vector<std::string> fields = words(line->message);
    ASSERT_EQ(fields.size(), 8u) << line->message;
    EXPECT_EQ(fields[0], "POST");
    EXPECT_EQ(fields[1], "/api/items/a%20b");
    EXPECT_EQ(fields[2], "201");
    EXPECT_EQ(fields[3], std::to_string(reply.body.size()) + "B");
    EXPECT_TRUE(fields[4].ends_with("ms") && fields[4].find('.') != std::string::npos) << fields[4];
    EXPECT_EQ(fields[5], "rid=" + reply.header("X-Request-Id"));
    EXPECT_TRUE(fields[6].starts_with("peer=127.0.0.1:")) << fields[6];
    EXPECT_EQ(fields[7], "plugin=items");
}

TEST_F(HttpServerTest, UnknownPathAnswers404Json) {
    start();

    const Reply reply = get("/nowhere?x=1");

    expectJsonError(reply, 404, "not_found");
    const auto line = accessLog.waitForLine("GET /nowhere ");
    ASSERT_TRUE(line);
    EXPECT_TRUE(line->message.ends_with(" plugin=-")) << line->message;
}

TEST_F(HttpServerTest, WrongMethodAnswers405JsonWithAllow) {
    routes.add("p", nullptr, Method::Get, "/thing", Access::Public, [](const Request&) { return Response::text("get"); });
    routes.add("p", nullptr, Method::Post, "/thing", Access::Public, [](const Request&) { return Response::text("post"); });
    start();

    const Reply reply = call(Call("DELETE", "/thing"));

    expectJsonError(reply, 405, "method_not_allowed");
    EXPECT_EQ(reply.header("Allow"), "GET, HEAD, POST");
}

TEST_F(HttpServerTest, MethodOutsideTheSdkAnswers501Json) {
    routes.add("p", nullptr, Method::Get, "/thing", Access::Public, [](const Request&) { return Response::text("get"); });
    start();

    expectJsonError(call(Call("TRACE", "/thing")), 501, "method_not_implemented");
}

TEST_F(HttpServerTest, MalformedPercentEscapeAnswers400) {
    routes.add("p", nullptr, Method::Get, "/files/{name}", Access::Public, [](const Request&) { return Response::text("file"); });
    start();

    expectJsonError(get("/files/a%zz"), 400, "bad_request");
    expectJsonError(get("/files/a?x=%4"), 400, "bad_request");
}

TEST_F(HttpServerTest, HeadAnswersLikeGetWithoutTheBody) {
    routes.add("p", nullptr, Method::Get, "/hello", Access::Public, [](const Request&) { return Response::text("hello"); });
    start();

    const Reply reply = call(Call("HEAD", "/hello"));

    EXPECT_EQ(reply.status(), 200);
    EXPECT_EQ(reply.response.getContentLength64(), 5);
    EXPECT_EQ(reply.body, "");
    const auto line = accessLog.waitForLine("HEAD /hello ");
    ASSERT_TRUE(line);
    EXPECT_NE(line->message.find(" 200 0B "), std::string::npos) << line->message;
}

TEST_F(HttpServerTest, BodyOverTheLimitByContentLengthAnswers413WithoutCallingTheHandler) {
    std::atomic<bool> called{false};
    routes.add("p", nullptr, Method::Post, "/upload", Access::Public, [&](const Request&) {
        called = true;
        return Response::text("stored");
    });
    start();

    Poco::Net::HTTPClientSession session("127.0.0.1", server->port());
    session.setTimeout(Poco::Timespan(10, 0));
    Poco::Net::HTTPRequest request("POST", "/upload", Poco::Net::HTTPMessage::HTTP_1_1);
    request.setContentLength64(kBodyLimit * 100);
    session.sendRequest(request);  // no body sent: the answer must not wait for it
    Reply reply;
    Poco::StreamCopier::copyToString(session.receiveResponse(reply.response), reply.body);

    expectJsonError(reply, 413, "body_too_large");
    EXPECT_FALSE(reply.response.getKeepAlive());
    EXPECT_FALSE(called);
}

TEST_F(HttpServerTest, ClientThatWritesItsWholeOversizedBodyFirstStillReads413) {
    routes.add("p", nullptr, Method::Post, "/upload", Access::Public, [](const Request&) { return Response::text("stored"); });
    start();
    // Far more than the socket buffers hold: without a lingering read the client meets a reset instead.
    const Reply reply = call(Call("POST", "/upload").withBody(std::string(4 << 20, 'x')));
    expectJsonError(reply, 413, "body_too_large");
    EXPECT_FALSE(reply.response.getKeepAlive());
}

TEST_F(HttpServerTest, ChunkedBodyOverTheLimitAnswers413) {
    routes.add("p", nullptr, Method::Post, "/upload", Access::Public, [](const Request& request) {
        return Response::text(std::to_string(request.body.size()));
    });
    start();

    expectJsonError(call(Call("POST", "/upload").withBody(std::string(kBodyLimit * 3, 'x'), true)),
                    413, "body_too_large");
    const Reply within = call(Call("POST", "/upload").withBody(std::string(kBodyLimit, 'x'), true));
    EXPECT_EQ(within.status(), 200);
    EXPECT_EQ(within.body, std::to_string(kBodyLimit));
}

TEST_F(HttpServerTest, ValidClientRequestIdIsEchoedOtherwiseOneIsGenerated) {
    routes.add("p", nullptr, Method::Get, "/id", Access::Public, [](const Request& request) { return Response::text(request.requestId); });
    start();

    const Reply kept = call(Call("GET", "/id").withHeader("X-Request-Id", "client-42.A_b"));
    EXPECT_EQ(kept.header("X-Request-Id"), "client-42.A_b");
    EXPECT_EQ(kept.body, "client-42.A_b");
    EXPECT_TRUE(accessLog.waitForLine("rid=client-42.A_b "));

    for (const std::string& rejected : {std::string("has space"), std::string("semi;colon"), std::string(129, 'a')}) {
        const Reply replaced = call(Call("GET", "/id").withHeader("X-Request-Id", rejected));
        EXPECT_TRUE(isGeneratedRequestId(replaced.header("X-Request-Id"))) << replaced.header("X-Request-Id");
        EXPECT_EQ(replaced.body, replaced.header("X-Request-Id"));
    }
    const Reply absent = get("/id");
    EXPECT_TRUE(isGeneratedRequestId(absent.header("X-Request-Id")));
    EXPECT_NE(absent.header("X-Request-Id"), get("/id").header("X-Request-Id"));
    EXPECT_TRUE(isGeneratedRequestId(get("/missing").header("X-Request-Id")));
}

TEST_F(HttpServerTest, HttpErrorFromHandlerBecomesItsStatusAndJsonAndTheServerKeepsServing) {
    routes.add("p", nullptr, Method::Put, "/channel", Access::Public, [](const Request&) -> Response {
        throw HttpError(409, "channel_exists", "channel already exists");
    });
    routes.add("p", nullptr, Method::Get, "/ok", Access::Public, [](const Request&) { return Response::text("fine"); });
    start();

    const Reply reply = call(Call("PUT", "/channel"));

    expectJsonError(reply, 409, "channel_exists");
    EXPECT_EQ(reply.json()["error"]["message"], "channel already exists");
    EXPECT_EQ(get("/ok").body, "fine");
}

TEST_F(HttpServerTest, StdExceptionBecomes500WithTheRequestIdAndIsLoggedWithTheOwner) {
    routes.add("billing", nullptr, Method::Get, "/boom", Access::Public, [](const Request&) -> Response {
        throw std::runtime_error("database exploded");
    });
    routes.add("billing", nullptr, Method::Get, "/ok", Access::Public, [](const Request&) { return Response::text("fine"); });
    start();

    const Reply reply = get("/boom");

    expectJsonError(reply, 500, "internal_error");
    const std::string requestId = reply.header("X-Request-Id");
    EXPECT_EQ(reply.json()["error"]["message"], "internal error (request id " + requestId + ")");
    EXPECT_EQ(reply.body.find("exploded"), std::string::npos);
    const auto logged = errorLog.waitForLine("database exploded");
    ASSERT_TRUE(logged);
    EXPECT_EQ(logged->level, LogLevel::Error);
    EXPECT_NE(logged->message.find("billing"), std::string::npos) << logged->message;
    EXPECT_NE(logged->message.find(requestId), std::string::npos) << logged->message;
    EXPECT_EQ(get("/ok").body, "fine");
}

TEST_F(HttpServerTest, HandlerStatusOutsideHttpBecomes500) {
    routes.add("p", nullptr, Method::Get, "/odd", Access::Public, [](const Request&) { return Response::text("odd", 42); });
    start();

    expectJsonError(get("/odd"), 500, "internal_error");
    EXPECT_TRUE(errorLog.waitForLine("status 42"));
}

TEST_F(HttpServerTest, StreamedResponseArrivesChunkedAndComplete) {
    constexpr std::size_t kSize = 5 * 1024 * 1024;
    const std::string expected = pattern(kSize);
    routes.add("export", nullptr, Method::Get, "/export", Access::Public, [&expected](const Request&) {
        return Response::stream("application/octet-stream", [&expected](std::ostream& out) {
            for (std::size_t offset = 0; offset < expected.size(); offset += 64 * 1024) {
                out.write(expected.data() + offset, static_cast<std::streamsize>(std::min<std::size_t>(64 * 1024, expected.size() - offset)));
            }
        });
    });
    start();

    const Reply reply = get("/export");

    EXPECT_EQ(reply.status(), 200);
    EXPECT_TRUE(reply.response.getChunkedTransferEncoding());
    EXPECT_FALSE(reply.response.hasContentLength());
    EXPECT_EQ(reply.header("Content-Type"), "application/octet-stream");
    ASSERT_EQ(reply.body.size(), kSize);
    EXPECT_TRUE(reply.body == expected);
    const auto line = accessLog.waitForLine("GET /export ");
    ASSERT_TRUE(line);
    EXPECT_NE(line->message.find(" 200 5242880B "), std::string::npos) << line->message;
}

TEST_F(HttpServerTest, WriterThatThrowsMidStreamCutsTheConnectionInsteadOfEndingTheBody) {
    routes.add("export", nullptr, Method::Get, "/broken", Access::Public, [](const Request&) {
        return Response::stream("text/plain", [](std::ostream& out) {
            out << "partial";
            out.flush();
            throw std::runtime_error("disk gone");
        });
    });
    start();

    const std::string received = rawExchange(server->port(), "GET /broken HTTP/1.1\r\nHost: test\r\n\r\n");

    EXPECT_NE(received.find("partial"), std::string::npos) << received;
    EXPECT_FALSE(received.ends_with("0\r\n\r\n")) << received;
    EXPECT_TRUE(errorLog.waitForLine("disk gone"));
}

TEST_F(HttpServerTest, GracefulStopLetsARequestInFlightFinishAndRefusesNewConnections) {
    std::promise<void> entered;
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    routes.add("slow", nullptr, Method::Get, "/slow", Access::Public, [&entered, released](const Request&) {
        entered.set_value();
        released.wait_for(10s);
        std::this_thread::sleep_for(300ms);
        return Response::text("finished");
    });
    start();
    const std::uint16_t port = server->port();

    auto inFlight = std::async(std::launch::async, [&] { return get("/slow"); });
    ASSERT_EQ(entered.get_future().wait_for(10s), std::future_status::ready);
    auto stopping = std::async(std::launch::async, [&] { server->stop(10s); });

    bool refused = false;
    for (auto deadline = std::chrono::steady_clock::now() + 10s; !refused && std::chrono::steady_clock::now() < deadline;) {
        refused = connectionRefused(port);
        if (!refused) std::this_thread::sleep_for(20ms);
    }
    EXPECT_TRUE(refused) << "new connections still accepted while stopping";
    EXPECT_NE(stopping.wait_for(0s), std::future_status::ready) << "stop() did not wait for the request";
    release.set_value();

    const Reply reply = inFlight.get();
    EXPECT_EQ(reply.status(), 200);
    EXPECT_EQ(reply.body, "finished");
    ASSERT_EQ(stopping.wait_for(10s), std::future_status::ready) << "stop() hangs";
    EXPECT_TRUE(connectionRefused(port));
}

TEST_F(HttpServerTest, StopCutsARequestThatOutlastsTheGrace) {
    std::promise<void> entered;
    routes.add("slow", nullptr, Method::Get, "/slow", Access::Public, [&entered](const Request&) {
        entered.set_value();
        std::this_thread::sleep_for(500ms);
        return Response::text("too late");
    });
    start();

    auto inFlight = std::async(std::launch::async, [&] { return get("/slow"); });
    ASSERT_EQ(entered.get_future().wait_for(10s), std::future_status::ready);
    auto stopping = std::async(std::launch::async, [&] { server->stop(50ms); });

    ASSERT_EQ(stopping.wait_for(10s), std::future_status::ready) << "stop() hangs";
    EXPECT_THROW(inFlight.get(), Poco::Exception);
    EXPECT_TRUE(errorLog.waitForLine("still running"));
}

TEST_F(HttpServerTest, StartFailsNamingTheAddressWhenThePortIsTaken) {
    start();
    HttpServerOptions options;
    options.host = "127.0.0.1";
    options.port = server->port();
    HttpServer second(options, routes, accessLog, errorLog);

    try {
        second.start();
        FAIL() << "bound a port already in use";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("127.0.0.1:" + std::to_string(server->port())), std::string::npos)
            << e.what();
    }
}

}  // namespace
}  // namespace ocomms::http
