// The core's part of an organization's data:
//   core.organization  its slug, name and creation time (one row)
//   core.members       who belongs to it, with which role
//   core.users         every user any entity referred to (members, and former members who wrote
//                      messages, ...): export id, email, display name, times; never a password hash and
//                      never instance-admin. Written after every other entity, imported before them.
// On import, a user whose email exists here is linked to that account; the others are created without a
// password and must have one set (`ocomms admin reset-password`) before they can sign in.
#pragma once

#include <atomic>

#include <ocomms/org_data.hpp>

namespace ocomms::orgdata {

class CoreContributor final : public Contributor {
public:
    std::vector<std::string> entities() const override { return {"organization", "users", "members"}; }
    void exportRows(const std::string& entity, ExportSource& source, RowWriter& rows) override;
    void importRows(const std::string& entity, ImportTarget& target, RowReader& rows) override;

    /// How many imported users were linked to an existing account (by email), over every import so far.
    long long linkedUsers() const { return linkedUsers_; }

private:
    std::atomic<long long> linkedUsers_{0};
};

}  // namespace ocomms::orgdata
