#include "config/ListenAddress.hpp"

#include <algorithm>
#include <charconv>

#include "config/YamlNodes.hpp"

namespace ocomms::config {

namespace {

constexpr int kHighestPort = 65535;

ListenParse badForm(const std::string& text) {
    return {{}, "must be HOST:PORT such as 0.0.0.0:8080 or [::1]:8080 (got " + quoteForMessage(text) + ")"};
}

bool isPlainHost(const std::string& host) {
    return !host.empty() && std::none_of(host.begin(), host.end(), [](char c) {
        return c == ':' || c == '[' || c == ']' || c == '/' || c == ' ' || c == '\t';
    });
}

}  // namespace

ListenParse parseListenAddress(const std::string& text) {
    std::string host;
    std::size_t colon = 0;
    if (!text.empty() && text.front() == '[') {
        const auto close = text.find(']');
        if (close == std::string::npos || close + 1 >= text.size() || text[close + 1] != ':') return badForm(text);
        host = text.substr(1, close - 1);
        colon = close + 1;
        if (host.find(':') == std::string::npos) return badForm(text);  // brackets are for IPv6 only
    } else {
        colon = text.rfind(':');
        if (colon == std::string::npos) return badForm(text);
        host = text.substr(0, colon);
        if (!isPlainHost(host)) return badForm(text);
    }

    const std::string portText = text.substr(colon + 1);
    int port = 0;
    const char* end = portText.data() + portText.size();
    auto [parsedEnd, error] = std::from_chars(portText.data(), end, port);
    if (portText.empty() || parsedEnd != end || (error != std::errc{} && error != std::errc::result_out_of_range))
        return badForm(text);
    if (error == std::errc::result_out_of_range || port < 1 || port > kHighestPort)
        return {{}, "port must be between 1 and 65535 (got " + portText + ")"};
    return {{host, static_cast<std::uint16_t>(port)}, ""};
}

}  // namespace ocomms::config
