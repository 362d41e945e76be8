#include "BackupRunner.hpp"

#include <fstream>
#include <optional>

#include <fcntl.h>
#include <unistd.h>

#include "BackupFiles.hpp"
#include "Checksum.hpp"
#include "IsoTime.hpp"

namespace ocomms::backup {
namespace {

namespace fs = std::filesystem;

/// Flushes a file or folder to disk, so that a rename after it never exposes a file the disk has not got.
void syncToDisk(const fs::path& path) {
    const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw BackupError("cannot open " + path.string() + " to flush it to disk");
    const int rc = fsync(fd);
    close(fd);
    if (rc != 0) throw BackupError("cannot flush " + path.string() + " to disk");
}

/// Writes `text` to dir/name through a partial file, so the name only ever holds the whole text.
void writeSidecar(const fs::path& dir, const std::string& name, const std::string& text) {
    const fs::path partial = dir / partialNameOf(name);
    {
        std::ofstream out(partial, std::ios::binary | std::ios::trunc);
        out << text;
        out.close();
        if (!out) throw BackupError("cannot write " + partial.string());
    }
    syncToDisk(partial);
    fs::rename(partial, dir / name);
}

std::string readFile(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return {};
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

/// Removes what a failed attempt wrote for `name`, unless the backup itself was completed.
class Cleanup {
public:
    Cleanup(fs::path dir, std::string name) : dir_(std::move(dir)), name_(std::move(name)) {}
    ~Cleanup() {
        if (done_) return;
        std::error_code ignored;
        for (const auto& file : {partialNameOf(name_), name_ + kChecksumSuffix, name_ + kManifestSuffix,
                                 partialNameOf(name_ + kChecksumSuffix), partialNameOf(name_ + kManifestSuffix)})
            fs::remove(dir_ / file, ignored);
    }
    Cleanup(const Cleanup&) = delete;
    Cleanup& operator=(const Cleanup&) = delete;
    void done() { done_ = true; }

private:
    fs::path dir_;
    std::string name_;
    bool done_ = false;
};

RunResult failedWith(const std::string& error) {
    RunResult result;
    result.status = RunStatus::Failed;
    result.error = error;
    return result;
}

}  // namespace

BackupRunner::BackupRunner(RunStore& store, DatabaseCopier& copier, fs::path dir, int keep, Logger& logger)
    : store_(store), copier_(copier), dir_(std::move(dir)), keep_(keep), logger_(logger) {}

RunResult BackupRunner::execute(const BackupRun& run) {
    const std::string label = "backup #" + std::to_string(run.id) + " (" + toString(run.trigger) + ")";
    logger_.info(label + " started, writing to " + dir_.string());
    RunResult result;
    try {
        result = makeBackup(run);
    } catch (const BackupCancelled& e) {
        result = failedWith(std::string("stopped: ") + e.what());
    } catch (const std::exception& e) {
        result = failedWith(e.what());
    }
    try {
        store_.finish(run.id, result, Clock::now());
    } catch (const std::exception& e) {
        logger_.error(label + ": could not record its result: " + e.what());
    }
    if (result.status != RunStatus::Ok) {
        logger_.error(label + " failed: " + result.error.value_or(""));
        return result;
    }
    logger_.info(label + " written and verified: " + *result.fileName + " (" + std::to_string(*result.sizeBytes) +
                 " bytes, sha256 " + *result.sha256 + ")");
    try {
        applyRetention();
    } catch (const std::exception& e) {
        logger_.error("removing old backups from " + dir_.string() + " failed: " + e.what());
    }
    return result;
}

RunResult BackupRunner::makeBackup(const BackupRun& run) {
    std::error_code error;
    fs::create_directories(dir_, error);
    if (error) throw BackupError("cannot create the backup folder " + dir_.string() + ": " + error.message());
    removeLeftovers();

    const std::string name = backupFileName(fromEpochMs(run.startedMs), run.id, copier_.extension());
    const fs::path partial = dir_ / partialNameOf(name);
    Cleanup cleanup(dir_, name);
    fs::remove(partial);

    const auto manifest = copier_.write(partial);
    syncToDisk(partial);
    copier_.check(partial);
    RunResult result;
    result.status = RunStatus::Ok;
    result.fileName = name;
    result.sha256 = sha256OfFile(partial);
    result.sizeBytes = static_cast<std::int64_t>(fs::file_size(partial));
    result.verified = true;
    writeSidecar(dir_, name + kChecksumSuffix, checksumLine(*result.sha256, name));
    if (manifest) writeSidecar(dir_, name + kManifestSuffix, *manifest);
    fs::rename(partial, dir_ / name);
    cleanup.done();
    syncToDisk(dir_);
    return result;
}

void BackupRunner::removeLeftovers() {
    for (const auto& name : leftoversIn(fileNamesIn(dir_))) {
        std::error_code ignored;
        fs::remove(dir_ / name, ignored);
        logger_.info("removed " + name + ", left in " + dir_.string() + " by a backup that did not finish");
    }
}

void BackupRunner::applyRetention() {
    for (const auto& name : backupsBeyond(fileNamesIn(dir_), keep_)) {
        removeBackupFiles(dir_, name);
        store_.markRemoved(name, Clock::now());
        logger_.info("removed " + name + " from " + dir_.string() + ": only the newest " + std::to_string(keep_) +
                     " backups are kept");
    }
}

bool BackupRunner::verify(const BackupRun& run) {
    const fs::path file = dir_ / run.fileName.value_or("");
    if (!run.fileName || !fs::is_regular_file(file))
        throw BackupFileMissing("backup #" + std::to_string(run.id) + " has no file " + run.fileName.value_or("") +
                                " in " + dir_.string() + " on this node");
    std::optional<std::string> error;
    try {
        const std::string checksumFile = *run.fileName + kChecksumSuffix;
        const auto recorded = parseChecksumLine(readFile(dir_ / checksumFile));
        if (!recorded || recorded->fileName != *run.fileName)
            throw BackupError("the checksum file " + checksumFile + " is missing or not in sha256sum format");
        const std::string actual = sha256OfFile(file);
        if (actual != recorded->sha256 || (run.sha256 && actual != *run.sha256))
            throw BackupError("checksum mismatch: " + *run.fileName + " has sha256 " + actual + ", but " +
                              checksumFile + " says " + recorded->sha256 + ": the file changed after it was written");
        copier_.check(file);
    } catch (const std::exception& e) {
        error = std::string("verification failed: ") + e.what();
        logger_.error("backup #" + std::to_string(run.id) + ": " + *error);
    }
    store_.recordVerification(run.id, !error, error);
    return !error;
}

}  // namespace ocomms::backup
