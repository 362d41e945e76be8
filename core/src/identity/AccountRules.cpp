#include "identity/AccountRules.hpp"

#include <algorithm>

#include <ocomms/http.hpp>

#include "identity/PasswordHasher.hpp"
#include "identity/Utf8.hpp"

namespace ocomms::identity {
namespace {

constexpr std::size_t kMaxEmailBytes = 254;
constexpr std::size_t kMaxNameCharacters = 100;
constexpr std::size_t kMaxSlugLength = 40;

[[noreturn]] void reject(std::string_view field, std::string_view reason) {
    throw http::HttpError(400, "invalid_field", std::string(field) + ": " + std::string(reason));
}

bool isAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

std::string_view trimmed(std::string_view text) {
    while (!text.empty() && isAsciiSpace(text.front())) text.remove_prefix(1);
    while (!text.empty() && isAsciiSpace(text.back())) text.remove_suffix(1);
    return text;
}

char asciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool isSlugEdge(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

std::string checkedName(std::string_view field, std::string_view name) {
    const std::string_view text = trimmed(name);
    const auto codePoints = decodeUtf8(text);
    if (!codePoints) reject(field, "must be valid UTF-8");
    if (codePoints->empty()) reject(field, "must not be empty");
    if (codePoints->size() > kMaxNameCharacters) reject(field, "must be at most 100 characters");
    if (std::any_of(codePoints->begin(), codePoints->end(), isControlCharacter)) {
        reject(field, "must not contain control characters");
    }
    return std::string(text);
}

}  // namespace

std::string normalizedEmail(std::string_view email) {
    std::string normalized(trimmed(email));
    std::transform(normalized.begin(), normalized.end(), normalized.begin(), asciiLower);
    return normalized;
}

CheckedEmail checkedEmail(std::string_view email) {
    const std::string_view text = trimmed(email);
    if (text.size() < 3) reject("email", "must be at least 3 characters");
    if (text.size() > kMaxEmailBytes) reject("email", "must be at most 254 characters");
    if (std::any_of(text.begin(), text.end(), [](char c) {
            const auto byte = static_cast<unsigned char>(c);
            return isAsciiSpace(c) || byte < 0x20 || byte == 0x7F;
        })) {
        reject("email", "must not contain spaces or control characters");
    }
    const auto at = text.find('@');
    if (at == std::string_view::npos || text.find('@', at + 1) != std::string_view::npos) {
        reject("email", "must contain exactly one '@'");
    }
    if (at == 0 || at + 1 == text.size()) reject("email", "needs text before and after '@'");
    if (!decodeUtf8(text)) reject("email", "must be valid UTF-8");
    return {std::string(text), normalizedEmail(text)};
}

void checkPassword(std::string_view password) {
    if (password.size() < PasswordHasher::kMinPasswordBytes) reject("password", "must be at least 10 characters");
    if (password.size() > PasswordHasher::kMaxPasswordBytes) reject("password", "must be at most 1024 bytes");
}

std::string checkedDisplayName(std::string_view displayName) { return checkedName("display_name", displayName); }

std::string checkedOrganizationName(std::string_view name) { return checkedName("name", name); }

std::string checkedSlug(std::string_view slug) {
    if (slug.size() < 2 || slug.size() > kMaxSlugLength) reject("slug", "must be 2 to 40 characters");
    if (!std::all_of(slug.begin(), slug.end(), [](char c) { return isSlugEdge(c) || c == '-'; })) {
        reject("slug", "may contain only lower-case letters a-z, digits and '-'");
    }
    if (!isSlugEdge(slug.front()) || !isSlugEdge(slug.back())) {
        reject("slug", "must start and end with a letter or digit");
    }
    return std::string(slug);
}

void checkInviteRole(Role role) {
    if (role == Role::Owner) reject("role", "must be member or admin");
}

}  // namespace ocomms::identity
