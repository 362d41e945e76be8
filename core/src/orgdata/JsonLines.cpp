#include "orgdata/JsonLines.hpp"

#include <ostream>
#include <stdexcept>

namespace ocomms::orgdata {

std::string jsonLine(const nlohmann::json& row) {
    if (!row.is_object()) throw std::logic_error("a row must be a JSON object");
    try {
        return row.dump() + '\n';
    } catch (const nlohmann::json::type_error& e) {
        throw std::runtime_error(std::string("a row holds text that is not valid UTF-8 (") + e.what() + ")");
    }
}

void JsonLinesWriter::write(const nlohmann::json& row) {
    const std::string line = jsonLine(row);
    out_.write(line.data(), static_cast<std::streamsize>(line.size()));
    if (!out_) throw std::runtime_error("cannot write the row (disk full?)");
    sha_.update(line);
    facts_.bytes += static_cast<std::int64_t>(line.size());
    ++facts_.rows;
}

FileFacts JsonLinesWriter::finish() {
    facts_.sha256 = sha_.hexDigest();
    return facts_;
}

JsonLinesReader::JsonLinesReader(const std::filesystem::path& file)
    : in_(file, std::ios::binary), fileName_(file.filename().string()) {
    if (!in_) throw ImportError(fileName_, 0, "", "cannot open the file");
}

bool JsonLinesReader::next(nlohmann::json& row) {
    std::string text;
    if (!std::getline(in_, text)) {
        if (in_.bad()) throw ImportError(fileName_, facts_.rows, "", "cannot read the file");
        return false;
    }
    ++facts_.rows;
    const bool endedLine = !in_.eof();
    sha_.update(text);
    if (endedLine) sha_.update("\n");
    facts_.bytes += static_cast<std::int64_t>(text.size()) + (endedLine ? 1 : 0);
    try {
        row = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        throw ImportError(fileName_, facts_.rows, "", "not valid JSON (byte " + std::to_string(e.byte) + ")");
    }
    if (!row.is_object()) throw ImportError(fileName_, facts_.rows, "", "a row must be a JSON object");
    return true;
}

FileFacts JsonLinesReader::finish() {
    facts_.sha256 = sha_.hexDigest();
    return facts_;
}

}  // namespace ocomms::orgdata
