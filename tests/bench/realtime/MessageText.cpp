#include "MessageText.hpp"

#include <charconv>
#include <ctime>

namespace ocomms::bench {

std::int64_t monotonicNanoseconds() {
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return static_cast<std::int64_t>(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}

std::string messageText(std::int64_t sendNs, std::size_t sender, std::uint64_t number, std::size_t length) {
    std::string text = std::to_string(sendNs) + ' ' + std::to_string(sender) + ':' + std::to_string(number) + ' ';
    if (text.size() < length) text.append(length - text.size(), 'x');
    return text;
}

std::optional<std::int64_t> sendTimeInJson(std::string_view json) {
    constexpr std::string_view kTextField = "\"text\":\"";
    const auto at = json.find(kTextField);
    if (at == std::string_view::npos) return std::nullopt;
    const char* begin = json.data() + at + kTextField.size();
    std::int64_t sendNs = 0;
    const auto [end, error] = std::from_chars(begin, json.data() + json.size(), sendNs);
    if (error != std::errc() || end == begin) return std::nullopt;
    return sendNs;
}

}  // namespace ocomms::bench
