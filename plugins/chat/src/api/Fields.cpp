#include "api/Fields.hpp"

#include <limits>

#include "ChatErrors.hpp"

namespace ocomms::chat {
namespace {

std::optional<std::int64_t> integerOf(const nlohmann::json& value) {
    if (value.is_number_unsigned()) {
        const auto number = value.get<std::uint64_t>();
        if (number > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) return std::nullopt;
        return static_cast<std::int64_t>(number);
    }
    if (value.is_number_integer()) return value.get<std::int64_t>();
    return std::nullopt;
}

std::int64_t checkedId(const std::string& name, const nlohmann::json& value) {
    const auto id = integerOf(value);
    if (!id || *id < 1) throw errors::invalidField(name, "must be a positive integer");
    return *id;
}

}  // namespace

Fields::Fields(nlohmann::json body) : body_(std::move(body)) {
    if (!body_.is_object()) throw http::HttpError(400, "invalid_body", "the request must be a JSON object");
}

const nlohmann::json* Fields::find(const std::string& name) const {
    const auto it = body_.find(name);
    return it == body_.end() || it->is_null() ? nullptr : &*it;
}

std::string Fields::requiredString(const std::string& name) const {
    auto value = optionalString(name);
    if (!value) throw errors::missingField(name);
    return std::move(*value);
}

std::optional<std::string> Fields::optionalString(const std::string& name) const {
    const auto* value = find(name);
    if (value == nullptr) return std::nullopt;
    if (!value->is_string()) throw errors::invalidField(name, "must be a string");
    return value->get<std::string>();
}

std::int64_t Fields::requiredId(const std::string& name) const {
    const auto id = optionalId(name);
    if (!id) throw errors::missingField(name);
    return *id;
}

std::optional<std::int64_t> Fields::optionalId(const std::string& name) const {
    const auto* value = find(name);
    if (value == nullptr) return std::nullopt;
    return checkedId(name, *value);
}

std::int64_t Fields::requiredInteger(const std::string& name) const {
    const auto number = optionalInteger(name);
    if (!number) throw errors::missingField(name);
    return *number;
}

std::optional<std::int64_t> Fields::optionalInteger(const std::string& name) const {
    const auto* value = find(name);
    if (value == nullptr) return std::nullopt;
    const auto number = integerOf(*value);
    if (!number) throw errors::invalidField(name, "must be an integer");
    return number;
}

std::vector<std::int64_t> Fields::idList(const std::string& name) const {
    const auto* value = find(name);
    if (value == nullptr) return {};
    if (!value->is_array()) throw errors::invalidField(name, "must be an array of user ids");
    std::vector<std::int64_t> ids;
    for (const auto& item : *value) {
        const auto id = integerOf(item);
        if (!id || *id < 1) throw errors::invalidField(name, "must be an array of user ids (positive integers)");
        ids.push_back(*id);
    }
    return ids;
}

}  // namespace ocomms::chat
