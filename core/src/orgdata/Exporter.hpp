// Runs every contributor over one read-only snapshot of the database and hands each entity's rows to a
// sink (a folder of files, or one JSON document).
#pragma once

#include <string>
#include <vector>

#include <ocomms/database.hpp>
#include <ocomms/org_data.hpp>

#include "orgdata/ContributorRegistry.hpp"

namespace ocomms::orgdata {

/// Where the rows of each entity go; entities come one after another.
class EntitySink {
public:
    virtual ~EntitySink() = default;
    virtual RowWriter& begin(const std::string& entity) = 0;
    virtual void end() = 0;
};

/// Writes every entity of every contributor: in registration order, `core.users` last (it holds the users
/// the others referred to). Returns the entity names in import order (`core.users` among the core's).
/// Throws std::runtime_error naming the entity at fault.
std::vector<std::string> exportOrganization(Database& database, const std::vector<RegisteredContributor>& contributors,
                                            const OrganizationInfo& organization, EntitySink& sink);

}  // namespace ocomms::orgdata
