#include "config/ConfigDocument.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "config/YamlNodes.hpp"

namespace ocomms::config {

namespace {

// C stdio rather than ifstream: only it reliably leaves the reason for a failure in errno.
std::optional<std::string> readWholeFile(const std::filesystem::path& file, std::string& failure) {
    std::error_code error;
    if (std::filesystem::is_directory(file, error)) {
        failure = "is a folder, not a configuration file";
        return std::nullopt;
    }
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> stream(std::fopen(file.c_str(), "rb"), &std::fclose);
    if (!stream) {
        failure = std::string("cannot read the configuration file: ") + std::strerror(errno);
        return std::nullopt;
    }
    std::string text;
    char buffer[8192];
    std::size_t count = 0;
    while ((count = std::fread(buffer, 1, sizeof buffer, stream.get())) > 0) text.append(buffer, count);
    if (std::ferror(stream.get())) {
        failure = std::string("cannot read the configuration file: ") + std::strerror(errno);
        return std::nullopt;
    }
    return text;
}

}  // namespace

std::optional<YAML::Node> readConfigDocument(const std::filesystem::path& file, std::vector<ConfigIssue>& issues) {
    const std::string name = file.string();
    const SourceLocation wholeFile{name, 0, 0};
    std::string failure;
    auto text = readWholeFile(file, failure);
    if (!text) {
        issues.push_back({wholeFile, "", failure});
        return std::nullopt;
    }

    std::vector<YAML::Node> documents;
    try {
        documents = YAML::LoadAll(*text);
    } catch (const YAML::Exception& error) {  // ParserException, and anything else yaml-cpp throws
        issues.push_back({locationOf(error.mark, name), "", "malformed YAML: " + error.msg});
        return std::nullopt;
    }

    // A stray "---" at the end (templating leaves them) makes an empty document, not a second configuration.
    while (!documents.empty() && documents.back().IsNull()) documents.pop_back();
    if (documents.empty()) {
        issues.push_back({wholeFile, "", "the file is empty (expected settings such as 'server:' and 'plugins:')"});
        return std::nullopt;
    }
    if (documents.size() > 1) {
        issues.push_back({locationOf(documents[1], name, wholeFile), "",
                          "holds more than one YAML document (remove the '---' separating them)"});
        return std::nullopt;
    }
    const YAML::Node& root = documents.front();
    if (!root.IsMap()) {
        issues.push_back({locationOf(root, name, {name, 1, 1}), "",
                          "the top level must be a mapping of settings such as 'server:' (got " +
                              describeNode(root) + ")"});
        return std::nullopt;
    }
    return root;
}

}  // namespace ocomms::config
