// Configuration problems, each pinned to the file, line, column and key path at fault.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace ocomms::config {

struct SourceLocation {
    std::string file;
    int line = 0;    ///< 1-based; 0 when unknown
    int column = 0;  ///< 1-based; 0 when unknown
};

struct ConfigIssue {
    SourceLocation location;
    std::string keyPath;  ///< e.g. "database.pool_size", "plugins[1].settings.keep"
    std::string message;  ///< e.g. "must be between 1 and 256 (got 0)"

    /// "config/ocomms.yaml:12:5: database.pool_size: must be between 1 and 256 (got 0)"
    std::string toString() const;
};

class ConfigErrors : public std::runtime_error {
public:
    explicit ConfigErrors(std::vector<ConfigIssue> issues);
    const std::vector<ConfigIssue>& issues() const noexcept { return issues_; }

private:
    std::vector<ConfigIssue> issues_;
};

}  // namespace ocomms::config
