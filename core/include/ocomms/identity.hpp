// Who is calling and what they may do: users, organizations and roles, as plugins see them.
// Plugins never read the identity tables; they ask this service, or read Request::caller.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ocomms {

/// A member's role in an organization; each includes the rights of those below it.
enum class Role { Member = 1, Admin = 2, Owner = 3 };

inline std::string_view toString(Role role) {
    switch (role) {
        case Role::Member: return "member";
        case Role::Admin: return "admin";
        case Role::Owner: return "owner";
    }
    return "member";
}

inline std::optional<Role> parseRole(std::string_view name) {
    if (name == "member") return Role::Member;
    if (name == "admin") return Role::Admin;
    if (name == "owner") return Role::Owner;
    return std::nullopt;
}

/// Whether `held` grants what `needed` asks for.
inline bool grants(Role held, Role needed) { return static_cast<int>(held) >= static_cast<int>(needed); }

struct UserInfo {
    std::int64_t id = 0;
    std::string email;
    std::string displayName;
    bool instanceAdmin = false;
};

struct OrganizationInfo {
    std::int64_t id = 0;
    std::string slug;
    std::string name;
};

struct MemberInfo {
    UserInfo user;
    Role role = Role::Member;
};

/// Who made a request, set by the host before a handler of a non-public route runs.
struct Caller {
    UserInfo user;
    /// For routes with `{org}` in their pattern: that organization and the caller's role in it.
    std::optional<OrganizationInfo> organization;
    std::optional<Role> role;
};

class Identity {
public:
    virtual ~Identity() = default;
    /// An active (not deactivated) user.
    virtual std::optional<UserInfo> user(std::int64_t id) = 0;
    virtual std::optional<OrganizationInfo> organization(const std::string& slug) = 0;
    /// The user's role in the organization, or nullopt when not a member.
    virtual std::optional<Role> roleIn(std::int64_t userId, std::int64_t organizationId) = 0;
    /// Active members, ordered by display name.
    virtual std::vector<MemberInfo> members(std::int64_t organizationId) = 0;
    /// The organizations the user belongs to, ordered by name.
    virtual std::vector<OrganizationInfo> organizationsOf(std::int64_t userId) = 0;
};

}  // namespace ocomms
