#include "Checksum.hpp"

#include <fstream>
#include <regex>
#include <stdexcept>
#include <vector>

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

namespace ocomms::backup {

std::string sha256OfFile(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw std::runtime_error("cannot open " + file.string() + " to compute its checksum");
    Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
    std::vector<char> buffer(1 << 20);
    while (in) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        engine.update(buffer.data(), static_cast<unsigned>(in.gcount()));
    }
    if (in.bad()) throw std::runtime_error("cannot read " + file.string() + " to compute its checksum");
    return Poco::DigestEngine::digestToHex(engine.digest());
}

std::string checksumLine(const std::string& sha256, const std::string& fileName) {
    return sha256 + "  " + fileName + "\n";
}

std::optional<ChecksumEntry> parseChecksumLine(const std::string& text) {
    static const std::regex pattern("([0-9a-f]{64}) [ *](.+)");
    const std::string firstLine = text.substr(0, text.find('\n'));
    std::smatch match;
    if (!std::regex_match(firstLine, match, pattern)) return std::nullopt;
    return ChecksumEntry{match[1].str(), match[2].str()};
}

}  // namespace ocomms::backup
