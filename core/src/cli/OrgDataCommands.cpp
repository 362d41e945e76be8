#include "cli/OrgDataCommands.hpp"

#include <iomanip>
#include <iostream>

#include "app/ExitCode.hpp"
#include "cli/PluginCommandHost.hpp"
#include "orgdata/FolderExport.hpp"
#include "orgdata/Importer.hpp"

namespace ocomms::cli {
namespace {

void printCounts(const orgdata::Manifest& manifest) {
    std::size_t width = 0;
    for (const auto& entry : manifest.entities) width = std::max(width, entry.entity.size());
    for (const auto& entry : manifest.entities) {
        std::cout << "  " << std::left << std::setw(static_cast<int>(width) + 2) << entry.entity << std::right
                  << std::setw(10) << entry.facts.rows << " rows\n";
    }
}

}  // namespace

int runExport(const Invocation& invocation) {
    return withStartedPlugins(invocation, [&](StartedPlugins& host) {
        const std::string& slug = invocation.options.at("--org");
        const auto organization = host.identity.organization(slug);
        if (!organization) {
            std::cerr << "ocomms export: there is no organization '" << slug << "'\n";
            return static_cast<int>(app::kExitFailure);
        }
        const auto exported = orgdata::exportToFolder(host.database, host.contributors.list(), *organization,
                                                      invocation.options.at("--out"), OCOMMS_VERSION);
        std::cout << "exported organization " << slug << " to " << exported.folder.string() << '\n';
        printCounts(exported.manifest);
        return static_cast<int>(app::kExitOk);
    });
}

int runImport(const Invocation& invocation) {
    return withStartedPlugins(invocation, [&](StartedPlugins& host) {
        orgdata::ImportRequest request{invocation.options.at("--in"), std::nullopt};
        if (const auto it = invocation.options.find("--as-slug"); it != invocation.options.end()) {
            request.asSlug = it->second;
        }
        try {
            const auto imported = orgdata::importOrganization(host.database, host.contributors.list(), request);
            std::cout << "imported organization " << imported.organization.slug << " (id " << imported.organization.id
                      << ") from " << request.folder.string() << '\n';
            printCounts(imported.manifest);
            std::cout << "users linked to an existing account by email: " << host.core.linkedUsers() << '\n'
                      << "the other imported users have no password yet: set one with "
                         "`ocomms admin reset-password --email EMAIL`\n";
            return static_cast<int>(app::kExitOk);
        } catch (const std::exception& e) {
            std::cerr << "ocomms import: " << e.what() << "\nnothing was imported\n";
            return static_cast<int>(app::kExitFailure);
        }
    });
}

}  // namespace ocomms::cli
