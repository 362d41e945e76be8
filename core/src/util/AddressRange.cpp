#include "util/AddressRange.hpp"

#include <charconv>
#include <string_view>

#include <Poco/Net/IPAddress.h>

namespace ocomms::util {
namespace {

std::optional<Poco::Net::IPAddress> parseAddress(std::string_view text) {
    Poco::Net::IPAddress address;
    if (!Poco::Net::IPAddress::tryParse(std::string(text), address)) return std::nullopt;
    return address;
}

std::string networkBytes(const Poco::Net::IPAddress& address) {
    return std::string(static_cast<const char*>(address.addr()), address.length());
}

}  // namespace

AddressRange AddressRange::parse(const std::string& text) {
    const auto slash = text.find('/');
    const auto address = parseAddress(std::string_view(text).substr(0, slash));
    if (!address) throw std::invalid_argument("'" + text + "' is not an IP address or range");
    AddressRange range;
    range.bytes_ = networkBytes(*address);
    range.prefixBits_ = static_cast<unsigned>(range.bytes_.size() * 8);
    if (slash != std::string::npos) {
        const std::string_view bits = std::string_view(text).substr(slash + 1);
        unsigned prefix = 0;
        const auto [end, ec] = std::from_chars(bits.data(), bits.data() + bits.size(), prefix);
        if (ec != std::errc() || end != bits.data() + bits.size() || bits.empty() || prefix > range.prefixBits_)
            throw std::invalid_argument("'" + text + "' has an invalid prefix length");
        range.prefixBits_ = prefix;
    }
    return range;
}

bool AddressRange::contains(const std::string& text) const {
    const auto address = parseAddress(text);
    if (!address) return false;
    const std::string bytes = networkBytes(*address);
    if (bytes.size() != bytes_.size()) return false;
    const unsigned wholeBytes = prefixBits_ / 8;
    if (bytes.compare(0, wholeBytes, bytes_, 0, wholeBytes) != 0) return false;
    const unsigned restBits = prefixBits_ % 8;
    if (restBits == 0) return true;
    const auto mask = static_cast<unsigned char>(0xFF << (8 - restBits));
    return (static_cast<unsigned char>(bytes[wholeBytes]) & mask) == (static_cast<unsigned char>(bytes_[wholeBytes]) & mask);
}

bool isIpAddress(const std::string& text) { return parseAddress(text).has_value(); }

}  // namespace ocomms::util
