#include "web/WebBundle.hpp"

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include "web/ContentTypes.hpp"
#include "web/EmbeddedWebFiles.hpp"

namespace ocomms::chat::web {
namespace {

constexpr const char* kPage = "index.html";
constexpr const char* kAssetsPlaceholder = "%ASSETS%";

/// FNV-1a, 64 bits: names a version for caches, where a collision costs a stale file, not security.
class Fnv1a {
public:
    void add(std::string_view bytes) {
        for (const char c : bytes) {
            hash_ ^= static_cast<unsigned char>(c);
            hash_ *= 0x100000001b3ULL;
        }
    }
    std::string hex() const {
        char text[17];
        std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(hash_));
        return text;
    }

private:
    std::uint64_t hash_ = 0xcbf29ce484222325ULL;
};

std::string quotedHashOf(std::string_view bytes) {
    Fnv1a hash;
    hash.add(bytes);
    return '"' + hash.hex() + '"';
}

std::string replaceAll(std::string text, std::string_view from, std::string_view to) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
    return text;
}

std::string typeOrThrow(const std::string& path) {
    auto type = contentTypeOf(path);
    if (!type) throw std::runtime_error("web client file '" + path + "': no content type for its extension");
    return *type;
}

}  // namespace

bool isLeftOutOfTheBundle(const std::string& relativePath) {
    const bool dotFile = relativePath.starts_with('.') || relativePath.find("/.") != std::string::npos;
    return dotFile || relativePath.ends_with(".md");
}

WebBundle::WebBundle(const std::map<std::string, std::string>& files) {
    const auto page = files.find(kPage);
    if (page == files.end()) throw std::runtime_error(std::string("web client: no ") + kPage);
    Fnv1a version;
    for (const auto& [path, bytes] : files) {
        version.add(path);
        version.add(std::string_view("\0", 1));
        version.add(std::to_string(bytes.size()));
        version.add(bytes);
        if (path != kPage) assets_[path] = WebFile{typeOrThrow(path), bytes, quotedHashOf(bytes)};
    }
    version_ = version.hex();
    auto body = replaceAll(page->second, kAssetsPlaceholder, "/assets/" + version_);
    page_ = WebFile{typeOrThrow(kPage), body, quotedHashOf(body)};
}

WebBundle WebBundle::embedded() {
    std::map<std::string, std::string> files;
    for (const auto& file : embeddedWebFiles())
        files[file.path] = std::string(reinterpret_cast<const char*>(file.bytes), file.size);
    return WebBundle(files);
}

WebBundle WebBundle::fromFolder(const std::filesystem::path& folder) {
    if (!std::filesystem::is_directory(folder))
        throw std::runtime_error("web client folder " + folder.string() + " does not exist");
    std::map<std::string, std::string> files;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(folder)) {
        if (!entry.is_regular_file()) continue;
        const auto relative = entry.path().lexically_relative(folder).generic_string();
        if (isLeftOutOfTheBundle(relative)) continue;
        std::ifstream in(entry.path(), std::ios::binary);
        if (!in) throw std::runtime_error("cannot read web client file " + entry.path().string());
        files[relative] = std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    return WebBundle(files);
}

const WebFile* WebBundle::asset(const std::string& path) const {
    const auto it = assets_.find(path);
    return it == assets_.end() ? nullptr : &it->second;
}

std::vector<std::string> WebBundle::assetPaths() const {
    std::vector<std::string> paths;
    for (const auto& [path, file] : assets_) paths.push_back(path);
    return paths;
}

}  // namespace ocomms::chat::web
