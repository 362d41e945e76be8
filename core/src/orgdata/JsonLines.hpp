// JSON Lines: one JSON object per line, keys sorted, each line ending with '\n'. The writer and the reader
// keep what the manifest records of a file: rows, bytes and SHA-256.
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iosfwd>
#include <string>

#include <ocomms/org_data.hpp>

#include "orgdata/Sha256.hpp"

namespace ocomms::orgdata {

/// What the manifest says of one entity's file.
struct FileFacts {
    std::int64_t rows = 0;
    std::int64_t bytes = 0;
    std::string sha256;
};

/// One row as a line: compact JSON with sorted keys. Throws std::runtime_error for text that is not
/// valid UTF-8 (JSON cannot carry it faithfully).
std::string jsonLine(const nlohmann::json& row);

class JsonLinesWriter final : public RowWriter {
public:
    explicit JsonLinesWriter(std::ostream& out) : out_(out) {}
    void write(const nlohmann::json& row) override;
    /// The facts of what was written; the writer is not to be used afterwards.
    FileFacts finish();

private:
    std::ostream& out_;
    Sha256 sha_;
    FileFacts facts_;
};

/// Reads a file of rows, checking as it goes that each line is a JSON object. Throws ImportError with
/// the file and line for one that is not.
class JsonLinesReader final : public RowReader {
public:
    explicit JsonLinesReader(const std::filesystem::path& file);
    bool next(nlohmann::json& row) override;
    /// The line of the row last returned (1 for the first).
    std::int64_t line() const { return facts_.rows; }
    const std::string& fileName() const { return fileName_; }
    /// The facts of what was read; the reader is not to be used afterwards.
    FileFacts finish();

private:
    std::ifstream in_;
    std::string fileName_;
    Sha256 sha_;
    FileFacts facts_;
};

}  // namespace ocomms::orgdata
