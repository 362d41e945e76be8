// PostgreSQL backups: pg_dump -Fc from a snapshot that a pooled session exports and holds, so that the
// schema versions and row counts of the manifest describe exactly what the dump holds.
#pragma once

#include <mutex>

#include "DatabaseCopier.hpp"

namespace ocomms::backup {

class ChildProcess;

class PostgresCopier final : public DatabaseCopier {
public:
    PostgresCopier(Database& database, std::string binDir);

    std::string extension() const override { return "dump"; }
    std::optional<std::string> write(const std::filesystem::path& target) override;
    void check(const std::filesystem::path& file) override;
    void cancel() override;

private:
    void dump(const std::filesystem::path& target, const std::string& snapshot);

    Database& database_;
    DatabaseLocation location_;
    std::string binDir_;
    std::mutex mutex_;
    bool cancelled_ = false;
    ChildProcess* running_ = nullptr;  ///< the pg_dump in progress, for cancel()
};

}  // namespace ocomms::backup
