#include "realtime/upgrade/WsTickets.hpp"

#include <array>
#include <stdexcept>

#include <sodium.h>

#include "identity/Sodium.hpp"

namespace ocomms::realtime {
namespace {

// version | user id | expiry (Unix ms) | nonce, then the MAC of those bytes. Integers are big-endian.
constexpr unsigned char kVersion = 1;
constexpr std::size_t kNonceBytes = 16;
constexpr std::size_t kUserOffset = 1;
constexpr std::size_t kExpiryOffset = kUserOffset + 8;
constexpr std::size_t kNonceOffset = kExpiryOffset + 8;
constexpr std::size_t kPayloadBytes = kNonceOffset + kNonceBytes;
constexpr std::size_t kTicketBytes = kPayloadBytes + crypto_auth_BYTES;
constexpr int kBase64 = sodium_base64_VARIANT_URLSAFE_NO_PADDING;

// Derived rather than auth.secret itself, so that a ticket's MAC can never pass for another use of it.
constexpr std::string_view kKeyContext = "ocomms.ws-ticket";
static_assert(kKeyContext.size() >= crypto_generichash_KEYBYTES_MIN);

void putInteger(unsigned char* out, std::uint64_t value) {
    for (int i = 7; i >= 0; --i) {
        out[i] = static_cast<unsigned char>(value & 0xFF);
        value >>= 8;
    }
}

std::uint64_t getInteger(const unsigned char* in) {
    std::uint64_t value = 0;
    for (int i = 0; i < 8; ++i) value = (value << 8) | in[i];
    return value;
}

std::vector<unsigned char> derivedKey(std::string_view secret) {
    std::vector<unsigned char> key(crypto_auth_KEYBYTES);
    crypto_generichash(key.data(), key.size(), reinterpret_cast<const unsigned char*>(secret.data()), secret.size(),
                       reinterpret_cast<const unsigned char*>(kKeyContext.data()), kKeyContext.size());
    return key;
}

std::string base64(const unsigned char* bytes, std::size_t size) {
    std::string text(sodium_base64_ENCODED_LEN(size, kBase64), '\0');
    sodium_bin2base64(text.data(), text.size(), bytes, size, kBase64);
    text.resize(text.find('\0'));
    return text;
}

long long epochMilliseconds(WsTickets::Clock::time_point moment) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(moment.time_since_epoch()).count();
}

}  // namespace

WsTickets::WsTickets(std::string_view secret, std::chrono::milliseconds ttl, Now now)
    : ttl_(ttl), now_(std::move(now)) {
    identity::requireSodium();
    if (secret.empty()) {
        key_.resize(crypto_auth_KEYBYTES);
        crypto_auth_keygen(key_.data());
        processKey_ = true;
    } else {
        key_ = derivedKey(secret);
    }
}

WsTickets::~WsTickets() { sodium_memzero(key_.data(), key_.size()); }

WsTicket WsTickets::issue(std::int64_t userId) {
    const auto expiresAt = std::chrono::time_point_cast<std::chrono::milliseconds>(now_() + ttl_);
    std::array<unsigned char, kTicketBytes> bytes{};
    bytes[0] = kVersion;
    putInteger(bytes.data() + kUserOffset, static_cast<std::uint64_t>(userId));
    putInteger(bytes.data() + kExpiryOffset, static_cast<std::uint64_t>(epochMilliseconds(expiresAt)));
    randombytes_buf(bytes.data() + kNonceOffset, kNonceBytes);
    crypto_auth(bytes.data() + kPayloadBytes, bytes.data(), kPayloadBytes, key_.data());
    return {base64(bytes.data(), bytes.size()), expiresAt};
}

TicketRedemption WsTickets::redeem(std::string_view ticket) {
    std::array<unsigned char, kTicketBytes> bytes{};
    std::size_t length = 0;
    if (ticket.size() != sodium_base64_ENCODED_LEN(kTicketBytes, kBase64) - 1 ||
        sodium_base642bin(bytes.data(), bytes.size(), ticket.data(), ticket.size(), nullptr, &length, nullptr,
                          kBase64) != 0 ||
        length != kTicketBytes || bytes[0] != kVersion)
        return {TicketStatus::Invalid, 0};
    if (crypto_auth_verify(bytes.data() + kPayloadBytes, bytes.data(), kPayloadBytes, key_.data()) != 0)
        return {TicketStatus::Invalid, 0};

    const auto userId = static_cast<std::int64_t>(getInteger(bytes.data() + kUserOffset));
    const Clock::time_point expiresAt{
        std::chrono::milliseconds(static_cast<std::int64_t>(getInteger(bytes.data() + kExpiryOffset)))};
    const auto now = now_();
    if (now >= expiresAt) return {TicketStatus::Expired, 0};

    std::string nonce(reinterpret_cast<const char*>(bytes.data() + kNonceOffset), kNonceBytes);
    std::lock_guard lock(mutex_);
    forgetExpired(now);
    if (usedNonces_.contains(nonce)) return {TicketStatus::AlreadyUsed, 0};
    if (usedNonces_.size() >= kMaxRememberedTickets) return {TicketStatus::TooManyInUse, 0};
    usedNonces_.insert(nonce);
    usedByExpiry_.emplace(expiresAt, std::move(nonce));
    return {TicketStatus::Valid, userId};
}

void WsTickets::forgetExpired(Clock::time_point now) {
    // A ticket past its expiry is refused for that alone, so its nonce need not be remembered.
    auto it = usedByExpiry_.begin();
    for (; it != usedByExpiry_.end() && it->first <= now; ++it) usedNonces_.erase(it->second);
    usedByExpiry_.erase(usedByExpiry_.begin(), it);
}

}  // namespace ocomms::realtime
