// The request-target of a request line, split into its raw path and raw query.
#pragma once

#include <optional>
#include <string_view>

namespace ocomms::http {

struct RequestTarget {
    std::string_view path;   ///< as sent, still percent-encoded; starts with '/'
    std::string_view query;  ///< as sent, without the '?'; empty when there is none
};

/// Accepts the origin form ("/a/b?x=1") and the absolute form ("http://host/a/b?x=1", whose path is
/// "/" when absent). A fragment, which clients should not send, is dropped. Returns nullopt for the
/// asterisk form ("*") and anything else. The views point into `target`.
std::optional<RequestTarget> splitRequestTarget(std::string_view target);

}  // namespace ocomms::http
