#include "orgdata/FolderExport.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <fstream>
#include <map>
#include <optional>
#include <stdexcept>

#include "orgdata/ExportTime.hpp"
#include "orgdata/Exporter.hpp"

namespace ocomms::orgdata {
namespace {

namespace fs = std::filesystem;

/// Flushes a file's (or a folder's) data to the disk, so that the rename that publishes the folder never
/// lands before its content does.
void syncToDisk(const fs::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw std::runtime_error("cannot open " + path.string() + " to sync it");
    const int synced = ::fsync(fd);
    ::close(fd);
    if (synced != 0) throw std::runtime_error("cannot sync " + path.string() + " to disk");
}

class FolderSink final : public EntitySink {
public:
    explicit FolderSink(fs::path folder) : folder_(std::move(folder)) {}

    RowWriter& begin(const std::string& entity) override {
        entity_ = entity;
        out_.open(folder_ / entityFileName(entity), std::ios::binary | std::ios::trunc);
        if (!out_) throw std::runtime_error("cannot create " + (folder_ / entityFileName(entity)).string());
        writer_.emplace(out_);
        return *writer_;
    }

    void end() override {
        out_.close();
        if (!out_) throw std::runtime_error("cannot write " + (folder_ / entityFileName(entity_)).string());
        syncToDisk(folder_ / entityFileName(entity_));
        facts_[entity_] = writer_->finish();
        writer_.reset();
    }

    /// The manifest's entity list, in import order.
    std::vector<EntityFile> entities(const std::vector<std::string>& importOrder) const {
        std::vector<EntityFile> files;
        for (const auto& entity : importOrder) files.push_back({entity, entityFileName(entity), facts_.at(entity)});
        return files;
    }

private:
    fs::path folder_;
    std::ofstream out_;
    std::string entity_;
    std::optional<JsonLinesWriter> writer_;
    std::map<std::string, FileFacts> facts_;
};

void writeManifest(const fs::path& folder, const Manifest& manifest) {
    const auto path = folder / kManifestFile;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << toJson(manifest).dump(2) << '\n';
    out.close();
    if (!out) throw std::runtime_error("cannot write " + path.string());
    syncToDisk(path);
}

}  // namespace

FolderExport exportToFolder(Database& database, const std::vector<RegisteredContributor>& contributors,
                            const OrganizationInfo& organization, const fs::path& outDir,
                            const std::string& appVersion) {
    const ExportTime time = exportTimeNow();
    const std::string name = exportName(organization.slug, time);
    fs::create_directories(outDir);
    const fs::path folder = outDir / name;
    const fs::path partial = outDir / ("." + name + ".partial");
    if (fs::exists(folder)) throw std::runtime_error(folder.string() + " exists already");
    if (!fs::create_directory(partial)) {
        throw std::runtime_error(partial.string() + " exists already (another export?)");
    }
    try {
        FolderSink sink(partial);
        const auto importOrder = exportOrganization(database, contributors, organization, sink);
        Manifest manifest;
        manifest.appVersion = appVersion;
        manifest.exportedAt = time.iso;
        manifest.organizationSlug = organization.slug;
        manifest.organizationName = organization.name;
        manifest.entities = sink.entities(importOrder);
        writeManifest(partial, manifest);
        syncToDisk(partial);
        fs::rename(partial, folder);
        syncToDisk(outDir);
        return {folder, manifest};
    } catch (...) {
        std::error_code ignored;
        fs::remove_all(partial, ignored);
        throw;
    }
}

}  // namespace ocomms::orgdata
