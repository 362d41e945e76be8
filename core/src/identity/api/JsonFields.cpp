#include "identity/api/JsonFields.hpp"

#include <algorithm>
#include <utility>

namespace ocomms::identity::api {
namespace {

// The parser has already rejected invalid UTF-8, so every byte that is not a continuation byte starts
// a code point.
std::size_t codePoints(const std::string& text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0u) != 0x80u;
    }));
}

bool isBlank(const std::string& text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
}

}  // namespace

void throwInvalidField(const std::string& name, const std::string& problem) {
    throw http::HttpError(400, "invalid_field", name + ": " + problem);
}

JsonFields JsonFields::of(const http::Request& request) { return JsonFields(request.json()); }

JsonFields JsonFields::ofOptionalBody(const http::Request& request) {
    if (isBlank(request.body)) return JsonFields(nlohmann::json::object());
    return of(request);
}

JsonFields::JsonFields(nlohmann::json body) : body_(std::move(body)) {
    if (!body_.is_object()) throw http::HttpError(400, "invalid_body", "request body must be a JSON object");
}

std::string JsonFields::requiredString(const std::string& name, std::size_t maxCharacters) const {
    auto value = optionalString(name, maxCharacters);
    if (!value) throw http::HttpError(400, "missing_field", name + ": is required");
    return std::move(*value);
}

std::optional<std::string> JsonFields::optionalString(const std::string& name, std::size_t maxCharacters) const {
    const auto it = body_.find(name);
    if (it == body_.end() || it->is_null()) return std::nullopt;
    if (!it->is_string()) throwInvalidField(name, "must be a string");
    auto value = it->get<std::string>();
    if (codePoints(value) > maxCharacters) {
        throwInvalidField(name, "must be at most " + std::to_string(maxCharacters) + " characters");
    }
    return value;
}

}  // namespace ocomms::identity::api
