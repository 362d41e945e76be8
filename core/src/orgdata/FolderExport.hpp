// `ocomms export`: an organization as a folder of JSON Lines files with a manifest, written under a
// temporary name and renamed once complete, so that a folder with the final name is always whole.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <ocomms/database.hpp>

#include "orgdata/ContributorRegistry.hpp"
#include "orgdata/Manifest.hpp"

namespace ocomms::orgdata {

struct FolderExport {
    std::filesystem::path folder;  ///< <out>/ocomms-export-<slug>-<time>
    Manifest manifest;
};

/// Creates `outDir` when missing. Throws std::runtime_error (and leaves nothing behind) on failure.
FolderExport exportToFolder(Database& database, const std::vector<RegisteredContributor>& contributors,
                            const OrganizationInfo& organization, const std::filesystem::path& outDir,
                            const std::string& appVersion);

}  // namespace ocomms::orgdata
