#include "http/QueryString.hpp"

#include "util/PercentEncoding.hpp"

namespace ocomms::http {

std::optional<std::multimap<std::string, std::string>> parseQueryString(std::string_view query) {
    std::multimap<std::string, std::string> pairs;
    while (!query.empty()) {
        const auto end = query.find('&');
        const std::string_view piece = query.substr(0, end);
        query = end == std::string_view::npos ? std::string_view() : query.substr(end + 1);
        if (piece.empty()) continue;

        const auto equals = piece.find('=');
        auto name = util::percentDecode(piece.substr(0, equals), true);
        auto value = util::percentDecode(equals == std::string_view::npos ? std::string_view() : piece.substr(equals + 1), true);
        if (!name || !value) return std::nullopt;
        pairs.emplace(std::move(*name), std::move(*value));
    }
    return pairs;
}

}  // namespace ocomms::http
