// manifest.json of an export folder: what was exported, and the facts of every entity file, checked
// before an import changes anything.
#pragma once

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "orgdata/JsonLines.hpp"

namespace ocomms::orgdata {

inline constexpr const char* kFormatName = "ocomms-export";
/// The format version this build writes and reads (docs/export-format.md says when it changes).
inline constexpr std::int64_t kFormatVersion = 1;
inline constexpr const char* kManifestFile = "manifest.json";

/// A manifest, or a file it describes, that an import must refuse; the message names the file.
class ManifestError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct EntityFile {
    std::string entity;  ///< "chat.messages"
    std::string file;    ///< "chat.messages.jsonl"
    FileFacts facts;
};

struct Manifest {
    std::string format = kFormatName;
    std::int64_t version = kFormatVersion;
    std::string appVersion;
    std::string exportedAt;        ///< "2026-11-28T11:45:00Z"
    std::string organizationSlug;
    std::string organizationName;
    std::vector<EntityFile> entities;  ///< in import order
};

/// The file an entity is written to.
inline std::string entityFileName(const std::string& entity) { return entity + ".jsonl"; }

nlohmann::json toJson(const Manifest& manifest);
/// Checks the format name and version and the shape of every field; throws ManifestError.
Manifest parseManifest(const nlohmann::json& document);
/// Reads and parses `folder`/manifest.json; throws ManifestError.
Manifest readManifest(const std::filesystem::path& folder);
/// Checks that the entity's file in `folder` has the size, row count and SHA-256 the manifest records;
/// throws ManifestError naming the file and what differs.
void verifyEntityFile(const std::filesystem::path& folder, const EntityFile& entry);

}  // namespace ocomms::orgdata
