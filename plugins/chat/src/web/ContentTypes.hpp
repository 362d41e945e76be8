// The Content-Type of a web client file, by its extension.
#pragma once

#include <optional>
#include <string>

namespace ocomms::chat::web {

/// The type to serve `path` with, or nothing for an extension the client has no business shipping.
std::optional<std::string> contentTypeOf(const std::string& path);

}  // namespace ocomms::chat::web
