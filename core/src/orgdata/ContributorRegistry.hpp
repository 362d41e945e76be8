// The contributors to organization exports: the core's and each started plugin's, in registration order
// (the core first, then plugins in start order), which is also the order their entities are imported in.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <ocomms/org_data.hpp>

#include "util/OwnedList.hpp"

namespace ocomms::orgdata {

/// The core's entities are `core.<entity>`; a plugin's are `<plugin>.<entity>`.
inline constexpr const char* kCoreOwner = "core";
/// The entity that resolves every "user" export id: written after every other, imported first.
inline constexpr const char* kUsersEntity = "core.users";

struct RegisteredContributor {
    std::string owner;
    std::shared_ptr<Contributor> contributor;
    std::shared_ptr<const void> keepAlive;  ///< keeps the owner's library loaded while in use

    std::string qualified(const std::string& entity) const { return owner + "." + entity; }
};

class ContributorRegistry {
public:
    /// Throws std::invalid_argument for an entity name that is not lowercase letters, digits and '_', or
    /// one the owner contributes already.
    void add(const std::string& owner, std::shared_ptr<const void> keepAlive, std::shared_ptr<Contributor> contributor);
    void removeOwner(const std::string& owner) { contributors_.removeOwner(owner); }
    /// A copy: each entry keeps its library loaded while the copy lives.
    std::vector<RegisteredContributor> list() const;

private:
    util::OwnedList<std::shared_ptr<Contributor>> contributors_;
};

}  // namespace ocomms::orgdata
