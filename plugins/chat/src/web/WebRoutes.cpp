#include "web/WebRoutes.hpp"

#include <string_view>

namespace ocomms::chat::web {

const char* const kContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

namespace {

using http::Access;
using http::Method;
using http::Request;
using http::Response;

constexpr const char* kCachedForAYear = "public, max-age=31536000, immutable";
constexpr const char* kRevalidated = "no-cache";

/// Whether If-None-Match names `etag` (a list of tags, weak ones compared by their opaque part, or *).
bool alreadyHeld(const Request& request, const std::string& etag) {
    const auto header = request.header("If-None-Match");
    if (!header) return false;
    std::string_view rest = *header;
    while (!rest.empty()) {
        const auto comma = rest.find(',');
        auto tag = rest.substr(0, comma);
        while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
        while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
        if (tag.starts_with("W/")) tag.remove_prefix(2);
        if (tag == "*" || tag == etag) return true;
        if (comma == std::string_view::npos) break;
        rest.remove_prefix(comma + 1);
    }
    return false;
}

Response serve(const Request& request, const WebFile& file, const char* cacheControl) {
    Response response;
    if (alreadyHeld(request, file.etag)) {
        response.status = 304;
    } else {
        response = Response::text(file.body, 200, file.contentType);
    }
    response.header("ETag", file.etag);
    response.header("Cache-Control", cacheControl);
    response.header("X-Content-Type-Options", "nosniff");
    return response;
}

Response page(const Request& request, const WebBundle& bundle) {
    auto response = serve(request, bundle.page(), kRevalidated);
    response.header("Content-Security-Policy", kContentSecurityPolicy);
    response.header("Referrer-Policy", "no-referrer");
    response.header("X-Frame-Options", "DENY");
    response.header("Cross-Origin-Opener-Policy", "same-origin");
    return response;
}

Response asset(const Request& request, const WebSite& site, const std::string& path) {
    const auto bundle = site.bundle();
    const WebFile* file = bundle->asset(path);
    // An address of another version is a page loaded before an upgrade: not found, rather than a file
    // of this version cached for a year under the old name.
    if (file == nullptr || (!site.development && request.param("version") != bundle->version()))
        return Response::error(404, "not_found", "no web client file " + request.path);
    return serve(request, *file, site.development ? kRevalidated : kCachedForAYear);
}

}  // namespace

void addWebRoutes(http::Router& router, const WebSite& site) {
    router.add(Method::Get, "/", Access::Public, [site](const Request& request) { return page(request, *site.bundle()); });
    for (const auto& path : site.bundle()->assetPaths()) {
        router.add(Method::Get, "/assets/{version}/" + path, Access::Public,
                   [site, path](const Request& request) { return asset(request, site, path); });
    }
}

}  // namespace ocomms::chat::web
