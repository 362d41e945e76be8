// SHA-256 of backup files and the checksum file beside each, in the format `sha256sum` writes and checks
// (`sha256sum -c NAME.sha256` in the backup folder): "<64 lower-case hex digits>  <file name>\n".
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace ocomms::backup {

/// Reads the whole file; throws std::runtime_error naming the file when it cannot be read.
std::string sha256OfFile(const std::filesystem::path& file);

/// One line for `fileName` (a name, not a path, so the pair can be moved together).
std::string checksumLine(const std::string& sha256, const std::string& fileName);

struct ChecksumEntry {
    std::string sha256;
    std::string fileName;
};

/// The first line of a checksum file, or none when it is not in that format. Accepts the binary-mode
/// marker ("<hash> *<name>") that other tools write.
std::optional<ChecksumEntry> parseChecksumLine(const std::string& text);

}  // namespace ocomms::backup
