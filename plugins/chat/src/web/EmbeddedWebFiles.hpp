// The files of plugins/chat/web, compiled into the plugin by cmake/EmbedWebFiles.cmake.
#pragma once

#include <cstddef>
#include <vector>

namespace ocomms::chat::web {

struct EmbeddedWebFile {
    const char* path;  ///< relative to plugins/chat/web, with '/' between folders
    const unsigned char* bytes;
    std::size_t size;
};

std::vector<EmbeddedWebFile> embeddedWebFiles();

}  // namespace ocomms::chat::web
