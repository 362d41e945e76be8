#include "BackupManifest.hpp"

namespace ocomms::backup {

std::string toText(const BackupManifest& manifest) {
    std::string out = std::string(kManifestFormat) + "\n";
    out += "database " + manifest.database + "\n";
    out += "created_at " + manifest.createdAt + "\n";
    for (const auto& [owner, version] : manifest.schemaVersions)
        out += "schema " + owner + " " + std::to_string(version) + "\n";
    for (const auto& [table, rows] : manifest.rowCounts) out += "rows " + table + " " + std::to_string(rows) + "\n";
    return out;
}

}  // namespace ocomms::backup
