#include "orgdata/Manifest.hpp"

#include <array>
#include <fstream>
#include <set>

namespace ocomms::orgdata {
namespace {

const nlohmann::json& field(const nlohmann::json& object, const char* name, const std::string& where) {
    const auto it = object.find(name);
    if (it == object.end()) throw ManifestError("manifest.json: " + where + name + " is missing");
    return *it;
}

std::string textField(const nlohmann::json& object, const char* name, const std::string& where = "") {
    const auto& value = field(object, name, where);
    if (!value.is_string()) throw ManifestError("manifest.json: " + where + name + " must be a string");
    return value.get<std::string>();
}

std::int64_t countField(const nlohmann::json& object, const char* name, const std::string& where) {
    const auto& value = field(object, name, where);
    if (!value.is_number_integer() || value.get<std::int64_t>() < 0) {
        throw ManifestError("manifest.json: " + where + name + " must be a whole number");
    }
    return value.get<std::int64_t>();
}

/// "core.users": an owner and an entity, each lowercase letters, digits, '_' or '-' (plugin names).
bool isQualifiedEntity(const std::string& name) {
    const auto dot = name.find('.');
    if (dot == std::string::npos || dot == 0 || dot + 1 == name.size()) return false;
    for (std::size_t i = 0; i < name.size(); ++i) {
        const char c = name[i];
        const bool allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || (c == '-' && i < dot);
        if (!allowed && i != dot) return false;
    }
    return true;
}

EntityFile parseEntity(const nlohmann::json& item, std::size_t index) {
    const std::string where = "entities[" + std::to_string(index) + "].";
    if (!item.is_object()) {
        throw ManifestError("manifest.json: entities[" + std::to_string(index) + "] must be an object");
    }
    EntityFile entry;
    entry.entity = textField(item, "entity", where);
    if (!isQualifiedEntity(entry.entity)) {
        throw ManifestError("manifest.json: " + where + "entity '" + entry.entity + "' is not a valid entity name");
    }
    entry.file = textField(item, "file", where);
    if (entry.file != entityFileName(entry.entity)) {
        throw ManifestError("manifest.json: " + where + "file must be '" + entityFileName(entry.entity) + "'");
    }
    entry.facts.rows = countField(item, "count", where);
    entry.facts.bytes = countField(item, "bytes", where);
    entry.facts.sha256 = textField(item, "sha256", where);
    return entry;
}

}  // namespace

nlohmann::json toJson(const Manifest& manifest) {
    auto entities = nlohmann::json::array();
    for (const auto& e : manifest.entities) {
        entities.push_back({{"entity", e.entity}, {"file", e.file}, {"count", e.facts.rows},
                            {"bytes", e.facts.bytes}, {"sha256", e.facts.sha256}});
    }
    return {{"format", manifest.format},
            {"version", manifest.version},
            {"app_version", manifest.appVersion},
            {"exported_at", manifest.exportedAt},
            {"organization", {{"slug", manifest.organizationSlug}, {"name", manifest.organizationName}}},
            {"entities", entities}};
}

Manifest parseManifest(const nlohmann::json& document) {
    if (!document.is_object()) throw ManifestError("manifest.json: must be a JSON object");
    Manifest manifest;
    manifest.format = textField(document, "format");
    if (manifest.format != kFormatName) {
        throw ManifestError("manifest.json: format '" + manifest.format + "' is not an OComms export ('" +
                            kFormatName + "')");
    }
    const auto& version = field(document, "version", "");
    if (!version.is_number_integer()) throw ManifestError("manifest.json: version must be a whole number");
    manifest.version = version.get<std::int64_t>();
    if (manifest.version != kFormatVersion) {
        throw ManifestError("manifest.json: format version " + std::to_string(manifest.version) +
                            " is not one this build reads (it reads version " + std::to_string(kFormatVersion) +
                            "); use the OComms version that wrote it, or a newer one");
    }
    manifest.appVersion = textField(document, "app_version");
    manifest.exportedAt = textField(document, "exported_at");
    const auto& organization = field(document, "organization", "");
    if (!organization.is_object()) throw ManifestError("manifest.json: organization must be an object");
    manifest.organizationSlug = textField(organization, "slug", "organization.");
    manifest.organizationName = textField(organization, "name", "organization.");
    const auto& entities = field(document, "entities", "");
    if (!entities.is_array()) throw ManifestError("manifest.json: entities must be an array");
    std::set<std::string> seen;
    for (std::size_t i = 0; i < entities.size(); ++i) {
        manifest.entities.push_back(parseEntity(entities[i], i));
        if (!seen.insert(manifest.entities.back().entity).second) {
            throw ManifestError("manifest.json: entity '" + manifest.entities.back().entity + "' is listed twice");
        }
    }
    return manifest;
}

Manifest readManifest(const std::filesystem::path& folder) {
    std::ifstream in(folder / kManifestFile, std::ios::binary);
    if (!in) throw ManifestError((folder / kManifestFile).string() + ": cannot be read (is this an export folder?)");
    nlohmann::json document;
    try {
        document = nlohmann::json::parse(in);
    } catch (const nlohmann::json::parse_error& e) {
        throw ManifestError("manifest.json: not valid JSON (byte " + std::to_string(e.byte) + ")");
    }
    return parseManifest(document);
}

void verifyEntityFile(const std::filesystem::path& folder, const EntityFile& entry) {
    const auto path = folder / entry.file;
    std::error_code error;
    const auto size = std::filesystem::file_size(path, error);
    if (error) throw ManifestError(entry.file + ": missing from the export folder (" + error.message() + ")");
    if (static_cast<std::int64_t>(size) != entry.facts.bytes) {
        throw ManifestError(entry.file + ": " + std::to_string(size) + " bytes, but the manifest says " +
                            std::to_string(entry.facts.bytes) + " (the file was changed or cut short)");
    }
    std::ifstream in(path, std::ios::binary);
    Sha256 sha;
    std::int64_t lines = 0;
    char last = '\n';
    std::array<char, 65536> buffer{};
    while (in.read(buffer.data(), buffer.size()) || in.gcount() > 0) {
        const auto got = static_cast<std::size_t>(in.gcount());
        const std::string_view piece(buffer.data(), got);
        sha.update(piece);
        for (const char c : piece) lines += c == '\n' ? 1 : 0;
        last = piece.back();
    }
    if (in.bad()) throw ManifestError(entry.file + ": cannot be read");
    if (sha.hexDigest() != entry.facts.sha256) {
        throw ManifestError(entry.file + ": its SHA-256 does not match the manifest (the file was changed or damaged)");
    }
    if (last != '\n' || lines != entry.facts.rows) {
        throw ManifestError(entry.file + ": " + std::to_string(lines) + " complete rows, but the manifest says " +
                            std::to_string(entry.facts.rows));
    }
}

}  // namespace ocomms::orgdata
