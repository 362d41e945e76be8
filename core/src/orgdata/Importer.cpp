#include "orgdata/Importer.hpp"

#include <map>
#include <set>

#include <ocomms/http.hpp>

#include "identity/AccountRules.hpp"
#include "identity/OrganizationStore.hpp"
#include "orgdata/ImportIdRegistry.hpp"
#include "orgdata/JsonLines.hpp"

namespace ocomms::orgdata {
namespace {

/// Every entity the core needs to make an organization.
const std::vector<std::string> kRequiredEntities = {"core.organization", "core.users", "core.members"};

struct PlannedEntity {
    const RegisteredContributor* owner;
    std::string entity;      ///< without the owner's prefix
    const EntityFile* file;  ///< in the manifest
};

/// The manifest's entities in this instance's import order. Refuses an entity that no contributor here
/// imports, naming the plugin it belongs to, and a missing core entity.
std::vector<PlannedEntity> planImport(const Manifest& manifest,
                                      const std::vector<RegisteredContributor>& contributors) {
    std::map<std::string, const EntityFile*> listed;
    for (const auto& entry : manifest.entities) listed[entry.entity] = &entry;
    for (const auto& required : kRequiredEntities) {
        if (!listed.count(required)) throw ManifestError("manifest.json: the export has no " + required);
    }
    std::vector<PlannedEntity> plan;
    std::set<std::string> owners;
    for (const auto& contributor : contributors) {
        owners.insert(contributor.owner);
        for (const auto& entity : contributor.contributor->entities()) {
            const auto it = listed.find(contributor.qualified(entity));
            if (it == listed.end()) continue;
            plan.push_back({&contributor, entity, it->second});
            listed.erase(it);
        }
    }
    if (!listed.empty()) {
        const std::string& entity = listed.begin()->first;
        const std::string owner = entity.substr(0, entity.find('.'));
        if (!owners.count(owner)) {
            throw ManifestError(entity + ": plugin '" + owner +
                                "' is not enabled here (or did not start); enable it in the configuration to import "
                                "its data");
        }
        throw ManifestError(entity + ": plugin '" + owner + "' here does not know this entity (an export of a "
                            "newer version?)");
    }
    return plan;
}

/// The slug the organization gets here: valid, and not taken (checked again by the insert).
std::string chosenSlug(Database& database, const Manifest& manifest, const ImportRequest& request) {
    std::string slug;
    try {
        slug = identity::checkedSlug(request.asSlug.value_or(manifest.organizationSlug));
    } catch (const http::HttpError& e) {
        throw ManifestError(std::string(request.asSlug ? "--as-slug: " : "manifest.json: organization.") + e.what());
    }
    PooledSession session = database.session();
    if (identity::OrganizationStore(*session, database.dialect()).slugTaken(slug)) {
        throw ManifestError("an organization '" + slug + "' exists here already; import it under another slug with "
                            "--as-slug NEW");
    }
    return slug;
}

void importEntity(const PlannedEntity& planned, const std::filesystem::path& folder, ImportTarget& target) {
    JsonLinesReader rows(folder / planned.file->file);
    try {
        planned.owner->contributor->importRows(planned.entity, target, rows);
    } catch (const ImportError& e) {
        throw e.at(rows.fileName(), rows.line());
    } catch (const soci::soci_error& e) {
        throw ImportError(rows.fileName(), rows.line(), "", std::string("the database refused the row: ") + e.what());
    }
    // The files were checked before the transaction began; this catches one changed since.
    const FileFacts read = rows.finish();
    if (read.rows != planned.file->facts.rows || read.sha256 != planned.file->facts.sha256) {
        throw ManifestError(planned.file->file + ": changed while it was being imported (or its contributor did "
                            "not read every row)");
    }
}

}  // namespace

ImportOutcome importOrganization(Database& database, const std::vector<RegisteredContributor>& contributors,
                                 const ImportRequest& request) {
    Manifest manifest = readManifest(request.folder);
    const auto plan = planImport(manifest, contributors);
    for (const auto& entry : manifest.entities) verifyEntityFile(request.folder, entry);
    const std::string slug = chosenSlug(database, manifest, request);

    OrganizationInfo created = database.writeTransaction([&](soci::session& sql) {
        ImportIdRegistry ids;
        ImportTarget target{sql, database, database.dialect(), OrganizationInfo{0, slug, manifest.organizationName}, ids};
        for (const auto& planned : plan) importEntity(planned, request.folder, target);
        return target.organization;
    });
    return {created, std::move(manifest)};
}

}  // namespace ocomms::orgdata
