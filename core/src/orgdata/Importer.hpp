// `ocomms import`: checks an export folder completely (manifest, every file's size, rows and SHA-256,
// entities this instance knows) before changing anything, then imports every entity in one write
// transaction, so that an import either happens whole or not at all.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <ocomms/database.hpp>

#include "orgdata/ContributorRegistry.hpp"
#include "orgdata/Manifest.hpp"

namespace ocomms::orgdata {

struct ImportRequest {
    std::filesystem::path folder;
    std::optional<std::string> asSlug;  ///< the new organization's slug instead of the exported one
};

struct ImportOutcome {
    OrganizationInfo organization;  ///< as created here
    Manifest manifest;
};

/// Throws ManifestError for a folder it refuses before changing anything, ImportError for a row the
/// database or a contributor refuses (everything is rolled back), and std::runtime_error otherwise.
ImportOutcome importOrganization(Database& database, const std::vector<RegisteredContributor>& contributors,
                                 const ImportRequest& request);

}  // namespace ocomms::orgdata
