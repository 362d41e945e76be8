#include "model/Channel.hpp"

#include <stdexcept>
#include <string>

namespace ocomms::chat {

std::string_view toString(ChannelKind kind) {
    switch (kind) {
        case ChannelKind::Public: return "public";
        case ChannelKind::Private: return "private";
        case ChannelKind::Direct: return "direct";
    }
    return "public";
}

std::optional<ChannelKind> parseChannelKind(std::string_view name) {
    if (name == "public") return ChannelKind::Public;
    if (name == "private") return ChannelKind::Private;
    if (name == "direct") return ChannelKind::Direct;
    return std::nullopt;
}

std::string_view toString(ChannelRole role) { return role == ChannelRole::Admin ? "admin" : "member"; }

ChannelRole parseChannelRole(std::string_view name) {
    if (name == "admin") return ChannelRole::Admin;
    if (name == "member") return ChannelRole::Member;
    throw std::runtime_error("chat_channel_members.role holds an unknown role '" + std::string(name) + "'");
}

}  // namespace ocomms::chat
