// The fields of a JSON request body, read with errors that name the field at fault, so that a client
// learns what to fix from a 400 alone. Unknown fields are ignored, so that clients may send more.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include <ocomms/http.hpp>

namespace ocomms::identity::api {

class JsonFields {
public:
    /// The request's body: 400 `invalid_json` when malformed, 400 `invalid_body` when not an object.
    static JsonFields of(const http::Request& request);
    /// Like of(), but an empty body reads as `{}`: for routes whose fields are all optional.
    static JsonFields ofOptionalBody(const http::Request& request);
    /// 400 `invalid_body` when `body` is not an object.
    explicit JsonFields(nlohmann::json body);

    /// 400 `missing_field` when absent (or null), `invalid_field` when not a string or longer than
    /// `maxCharacters` (counted in UTF-8 code points).
    std::string requiredString(const std::string& name, std::size_t maxCharacters) const;
    /// nullopt when absent or null; otherwise as requiredString().
    std::optional<std::string> optionalString(const std::string& name, std::size_t maxCharacters) const;

private:
    nlohmann::json body_;
};

/// 400 `invalid_field` with "name: problem".
[[noreturn]] void throwInvalidField(const std::string& name, const std::string& problem);

}  // namespace ocomms::identity::api
