#include "http/RequestTarget.hpp"

namespace ocomms::http {
namespace {

/// "http://host:8080/a?b" -> "/a?b"; "http://host" -> "". Nullopt when `target` has no scheme.
std::optional<std::string_view> pathAfterAuthority(std::string_view target) {
    const auto schemeEnd = target.find("://");
    if (schemeEnd == std::string_view::npos || schemeEnd == 0) return std::nullopt;
    const std::string_view rest = target.substr(schemeEnd + 3);
    const auto pathStart = rest.find_first_of("/?#");
    return pathStart == std::string_view::npos ? std::string_view() : rest.substr(pathStart);
}

}  // namespace

std::optional<RequestTarget> splitRequestTarget(std::string_view target) {
    std::string_view pathAndQuery = target;
    bool absoluteForm = false;
    if (target.empty() || target.front() != '/') {
        const auto rest = pathAfterAuthority(target);
        if (!rest) return std::nullopt;
        pathAndQuery = *rest;
        absoluteForm = true;
    }
    pathAndQuery = pathAndQuery.substr(0, pathAndQuery.find('#'));

    RequestTarget split;
    const auto questionMark = pathAndQuery.find('?');
    split.path = pathAndQuery.substr(0, questionMark);
    if (questionMark != std::string_view::npos) split.query = pathAndQuery.substr(questionMark + 1);
    if (split.path.empty() && absoluteForm) split.path = "/";
    if (split.path.empty() || split.path.front() != '/') return std::nullopt;
    return split;
}

}  // namespace ocomms::http
