// The fields of a request: a REST body (with path and query values added) or a realtime message. Each
// read names the field at fault: 400 `missing_field` when a required one is absent or null, 400
// `invalid_field` when one has the wrong type. Unknown fields are ignored, so clients may send more.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace ocomms::chat {

class Fields {
public:
    /// 400 `invalid_body` when `body` is not a JSON object.
    explicit Fields(nlohmann::json body);

    std::string requiredString(const std::string& name) const;
    std::optional<std::string> optionalString(const std::string& name) const;
    /// A positive integer.
    std::int64_t requiredId(const std::string& name) const;
    std::optional<std::int64_t> optionalId(const std::string& name) const;
    std::int64_t requiredInteger(const std::string& name) const;
    std::optional<std::int64_t> optionalInteger(const std::string& name) const;
    /// An array of positive integers; empty when absent.
    std::vector<std::int64_t> idList(const std::string& name) const;

    /// Sets a field (REST adds its path and query values this way).
    void set(const std::string& name, nlohmann::json value) { body_[name] = std::move(value); }

private:
    const nlohmann::json* find(const std::string& name) const;

    nlohmann::json body_;
};

}  // namespace ocomms::chat
