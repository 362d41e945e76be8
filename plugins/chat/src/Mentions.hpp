// Who a message mentions: `@name`, where name is an organization member's display name without its
// spaces ("@AnnLee" for "Ann Lee") or the local part of their email ("@ann.lee"), in any ASCII case.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include <ocomms/identity.hpp>

namespace ocomms::chat {

/// The ids of the members the text mentions, ascending, each once. An `@` inside a word (an email
/// address in the text) is not a mention.
std::vector<std::int64_t> mentionedUsers(std::string_view text, const std::vector<MemberInfo>& members);

}  // namespace ocomms::chat
