// HTTP as plugins see it: plain values in, plain values out. The transport (Poco) stays in the host.
#pragma once

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include <ocomms/identity.hpp>
#include <ocomms/visibility.hpp>

namespace ocomms::http {

enum class Method { Get, Head, Post, Put, Patch, Delete, Options };

/// Who may call a route; the host checks it before the handler runs.
///   Public:        anyone; Request::caller is not set.
///   SignedIn:      a valid session (bearer token or cookie), else 401 `unauthenticated`.
///   Member, Admin, Owner: the pattern must contain `{org}` (an organization's slug). The caller must hold
///                  at least that role there: not a member (or no such organization) -> 404 `not_found`,
///                  so that organizations do not leak; a member with a lesser role -> 403 `forbidden`.
///   InstanceAdmin: the instance's administrators, else 403 `forbidden`.
enum class Access { Public, SignedIn, Member, Admin, Owner, InstanceAdmin };

std::string_view toString(Method method);

/// Header names compare case-insensitively.
struct CaseInsensitiveLess {
    bool operator()(std::string_view a, std::string_view b) const {
        return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
            return std::tolower(static_cast<unsigned char>(x)) < std::tolower(static_cast<unsigned char>(y));
        });
    }
};
using Headers = std::multimap<std::string, std::string, CaseInsensitiveLess>;

/// An error a handler throws to answer with `{"error":{"code":...,"message":...}}`.
/// `code` is stable and machine-readable (`channel_not_found`); `message` is for people.
class OCOMMS_VISIBLE HttpError : public std::runtime_error {
public:
    HttpError(int status, std::string code, const std::string& message)
        : std::runtime_error(message), status_(status), code_(std::move(code)) {}
    int status() const noexcept { return status_; }
    const std::string& code() const noexcept { return code_; }

private:
    int status_;
    std::string code_;
};

struct Request {
    Method method = Method::Get;
    std::string path;                            ///< decoded path, without the query
    std::map<std::string, std::string> params;   ///< from `{name}` segments of the route pattern
    std::multimap<std::string, std::string> query;  ///< decoded query parameters
    Headers headers;
    std::string body;
    std::string requestId;
    /// The client: the TCP peer as "ip:port", or, behind a proxy listed in server.trusted_proxies, the
    /// client's IP taken from X-Forwarded-For (no port).
    std::string remoteAddress;
    std::optional<Caller> caller;  ///< set for every route that is not Access::Public

    /// A path parameter that the route pattern guarantees.
    const std::string& param(const std::string& name) const {
        auto it = params.find(name);
        if (it == params.end()) throw std::logic_error("route has no parameter '" + name + "'");
        return it->second;
    }
    std::optional<std::string> queryValue(const std::string& name) const {
        auto it = query.find(name);
        return it == query.end() ? std::nullopt : std::optional<std::string>(it->second);
    }
    std::optional<std::string> header(const std::string& name) const {
        auto it = headers.find(name);
        return it == headers.end() ? std::nullopt : std::optional<std::string>(it->second);
    }
    /// The body parsed as JSON; throws HttpError 400 `invalid_json` naming the position at fault.
    nlohmann::json json() const;
};

struct Response {
    int status = 200;
    Headers headers;
    std::string body;
    /// When set, the body is produced by this writer and sent chunked, without being held in memory.
    std::function<void(std::ostream&)> writer;

    static Response json(const nlohmann::json& value, int status = 200);
    static Response text(std::string text, int status = 200, std::string contentType = "text/plain; charset=utf-8");
    static Response error(int status, const std::string& code, const std::string& message);
    static Response stream(std::string contentType, std::function<void(std::ostream&)> writer, int status = 200);
    Response& header(std::string name, std::string value) {
        headers.emplace(std::move(name), std::move(value));
        return *this;
    }
};

using Handler = std::function<Response(const Request&)>;

/// Routes are matched on the whole path. A pattern is literal segments and `{name}` segments, each of
/// which matches one non-empty segment: "/api/orgs/{org}/members/{user}". A literal segment wins over a
/// parameter at the same position. A path that matches no pattern answers 404; a path that matches only
/// with another method answers 405 with `Allow`.
class Router {
public:
    virtual ~Router() = default;
    /// Throws std::invalid_argument for a malformed pattern, one already registered for the method, or an
    /// organization role without `{org}` in the pattern.
    virtual void add(Method method, const std::string& pattern, Access access, Handler handler) = 0;
};

// ---- inline implementations: the SDK has no library to link against ----

inline std::string_view toString(Method method) {
    switch (method) {
        case Method::Get: return "GET";
        case Method::Head: return "HEAD";
        case Method::Post: return "POST";
        case Method::Put: return "PUT";
        case Method::Patch: return "PATCH";
        case Method::Delete: return "DELETE";
        case Method::Options: return "OPTIONS";
    }
    return "GET";
}

inline nlohmann::json Request::json() const {
    try {
        return nlohmann::json::parse(body);
    } catch (const nlohmann::json::parse_error& e) {
        throw HttpError(400, "invalid_json",
                        "request body is not valid JSON (byte " + std::to_string(e.byte) + ")");
    }
}

inline Response Response::json(const nlohmann::json& value, int status) {
    Response r;
    r.status = status;
    r.body = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    r.headers.emplace("Content-Type", "application/json");
    return r;
}

inline Response Response::text(std::string text, int status, std::string contentType) {
    Response r;
    r.status = status;
    r.body = std::move(text);
    r.headers.emplace("Content-Type", std::move(contentType));
    return r;
}

inline Response Response::error(int status, const std::string& code, const std::string& message) {
    return json({{"error", {{"code", code}, {"message", message}}}}, status);
}

inline Response Response::stream(std::string contentType, std::function<void(std::ostream&)> writer, int status) {
    Response r;
    r.status = status;
    r.writer = std::move(writer);
    r.headers.emplace("Content-Type", std::move(contentType));
    return r;
}

}  // namespace ocomms::http
