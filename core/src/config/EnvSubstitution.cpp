#include "config/EnvSubstitution.hpp"

#include <cstdlib>
#include <string_view>

namespace ocomms::config {

namespace {

bool isValidName(std::string_view name) {
    auto isLetter = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; };
    auto isDigit = [](char c) { return c >= '0' && c <= '9'; };
    if (name.empty() || !isLetter(name.front())) return false;
    for (char c : name)
        if (!isLetter(c) && !isDigit(c)) return false;
    return true;
}

/// The value of one `${...}` body: `NAME` or `NAME:-default`.
std::string expandReference(std::string_view body, const EnvLookup& lookup) {
    const auto separator = body.find(":-");
    const std::string_view name = body.substr(0, separator);
    if (!isValidName(name)) {
        throw SubstitutionError("invalid environment variable name '" + std::string(name) +
                                    "' in '${" + std::string(body) +
                                    "}' (use letters, digits and '_', not starting with a digit)",
                                /*quotesText=*/true);
    }
    const auto value = lookup(std::string(name));
    if (separator == std::string_view::npos) {
        if (!value) {
            throw SubstitutionError("environment variable '" + std::string(name) + "' is not set (write '${" +
                                    std::string(name) + ":-default}' to give a default)");
        }
        return *value;
    }
    if (value && !value->empty()) return *value;
    return std::string(body.substr(separator + 2));
}

}  // namespace

EnvLookup processEnvironment() {
    return [](const std::string& name) -> std::optional<std::string> {
        const char* value = std::getenv(name.c_str());
        if (value == nullptr) return std::nullopt;
        return std::string(value);
    };
}

std::string substituteEnv(const std::string& text, const EnvLookup& lookup) {
    std::string result;
    result.reserve(text.size());
    std::size_t pos = 0;
    while (pos < text.size()) {
        const auto dollar = text.find('$', pos);
        if (dollar == std::string::npos || dollar + 1 == text.size()) {
            result.append(text, pos, std::string::npos);
            break;
        }
        result.append(text, pos, dollar - pos);
        const char next = text[dollar + 1];
        if (next == '$') {
            result += '$';
            pos = dollar + 2;
        } else if (next == '{') {
            const auto close = text.find('}', dollar + 2);
            if (close == std::string::npos) {
                throw SubstitutionError("unterminated '${' at character " + std::to_string(dollar + 1) +
                                        " (expected '}')");
            }
            result += expandReference(std::string_view(text).substr(dollar + 2, close - dollar - 2), lookup);
            pos = close + 1;
        } else {
            result += '$';
            pos = dollar + 1;
        }
    }
    return result;
}

}  // namespace ocomms::config
