#include "web/ContentTypes.hpp"

#include <map>

namespace ocomms::chat::web {

std::optional<std::string> contentTypeOf(const std::string& path) {
    static const std::map<std::string, std::string> kTypes = {
        {".html", "text/html; charset=utf-8"},   {".js", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},     {".svg", "image/svg+xml"},
        {".png", "image/png"},                   {".ico", "image/x-icon"},
        {".woff2", "font/woff2"},                {".json", "application/json"},
        {".txt", "text/plain; charset=utf-8"}};
    const auto slash = path.find_last_of('/');
    const auto dot = path.find_last_of('.');
    if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return std::nullopt;
    const auto it = kTypes.find(path.substr(dot));
    if (it == kTypes.end()) return std::nullopt;
    return it->second;
}

}  // namespace ocomms::chat::web
