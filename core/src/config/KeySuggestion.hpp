// What to tell someone who wrote a key the schema does not know.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace ocomms::config {

/// Edits (insert, delete, substitute, swap two neighbours) that turn `from` into `to`.
std::size_t editDistance(const std::string& from, const std::string& to);

/// "unknown key 'pool_sise', did you mean 'pool_size'? (expected one of: url, pool_size, ...)".
/// The suggestion appears only for a known key at most two edits away.
std::string unknownKeyMessage(const std::string& key, const std::vector<std::string>& knownKeys);

}  // namespace ocomms::config
