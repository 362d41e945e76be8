// The web client as the chat plugin serves it: index.html pointing at this version of the assets, and
// the assets, each with its content type and entity tag.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace ocomms::chat::web {

struct WebFile {
    std::string contentType;
    std::string body;
    std::string etag;  ///< quoted, as the ETag header carries it
};

class WebBundle {
public:
    /// `files`: path relative to the web folder -> bytes. index.html is the page; every `%ASSETS%` in it
    /// becomes `/assets/<version>`. Throws std::runtime_error naming a file of an unknown type, or when
    /// there is no index.html.
    explicit WebBundle(const std::map<std::string, std::string>& files);

    /// The files compiled into the plugin.
    static WebBundle embedded();
    /// The files of `folder` as they are now, left out what the build leaves out (dot files, *.md).
    static WebBundle fromFolder(const std::filesystem::path& folder);

    /// A hash of every file: it changes whenever any file does.
    const std::string& version() const { return version_; }
    const WebFile& page() const { return page_; }
    /// The asset at `path` (relative to the web folder), or nullptr.
    const WebFile* asset(const std::string& path) const;
    std::vector<std::string> assetPaths() const;

private:
    std::string version_;
    WebFile page_;
    std::map<std::string, WebFile> assets_;
};

/// Whether the build and fromFolder() leave `relativePath` out of the bundle.
bool isLeftOutOfTheBundle(const std::string& relativePath);

}  // namespace ocomms::chat::web
