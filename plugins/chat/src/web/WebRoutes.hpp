// The web client's routes: the page at `/`, its assets at `/assets/<version>/<path>`.
#pragma once

#include <functional>
#include <memory>

#include <ocomms/http.hpp>

#include "web/WebBundle.hpp"

namespace ocomms::chat::web {

struct WebSite {
    /// The bundle to answer with: always the same one when compiled in; read again for each request
    /// when served from a folder during development.
    std::function<std::shared_ptr<const WebBundle>()> bundle;
    /// Served from a folder: assets are revalidated on every load instead of cached for a year, and any
    /// version in their address is accepted, since the files change under a loaded page.
    bool development = false;
};

/// The Content-Security-Policy of the page: only this origin's scripts, styles, images and connections.
extern const char* const kContentSecurityPolicy;

/// Registers `/` and one route per asset of the bundle as it is now.
void addWebRoutes(http::Router& router, const WebSite& site);

}  // namespace ocomms::chat::web
