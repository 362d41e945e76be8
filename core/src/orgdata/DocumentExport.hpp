// An organization as one JSON document written to a stream as it is read (the export plugin's HTTP
// answer): {"format","version","app_version","exported_at","organization","entities":{...},"counts":{...}}.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include <ocomms/database.hpp>

#include "orgdata/ContributorRegistry.hpp"
#include "orgdata/ExportTime.hpp"

namespace ocomms::orgdata {

/// Throws std::runtime_error when the stream fails (the reader went away) or the export does.
void exportToDocument(Database& database, const std::vector<RegisteredContributor>& contributors,
                      const OrganizationInfo& organization, const std::string& appVersion, const ExportTime& time,
                      std::ostream& out);

}  // namespace ocomms::orgdata
