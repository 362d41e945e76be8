#include "http/AccessLog.hpp"

#include <cstdio>

namespace ocomms::http {
namespace {

void appendPrintable(std::string& line, std::string_view text) {
    static constexpr char kHex[] = "0123456789abcdef";
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte > 0x20 && byte < 0x7F && c != '\\') {
            line.push_back(c);
        } else {
            line += "\\x";
            line.push_back(kHex[byte >> 4]);
            line.push_back(kHex[byte & 0xF]);
        }
    }
}

std::string milliseconds(std::chrono::steady_clock::duration elapsed) {
    const double ms = std::chrono::duration<double, std::milli>(elapsed).count();
    char text[32];
    std::snprintf(text, sizeof text, "%.1fms", ms);
    return text;
}

}  // namespace

std::string formatAccessLogLine(const AccessLogEntry& entry) {
    std::string line;
    line.reserve(128);
    appendPrintable(line, entry.method);
    line += ' ';
    appendPrintable(line, entry.path);
    line += ' ' + std::to_string(entry.status) + ' ' + std::to_string(entry.bodyBytes) + "B " +
            milliseconds(entry.elapsed);
    line += " rid=";
    line += entry.requestId;
    line += " peer=";
    line += entry.peer;
    line += " plugin=";
    line += entry.owner.empty() ? std::string_view("-") : entry.owner;
    return line;
}

}  // namespace ocomms::http
