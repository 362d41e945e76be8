// Start order of plugins from the plugins each requires.
#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace ocomms::plugin {

class DependencyError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// `requirements`: plugin name -> names it requires, in configuration order (the iteration order of
/// `order`). Returns the names so that each comes after all it requires, keeping configuration order
/// where there is a choice. Throws DependencyError for a requirement that is not in the map
/// ("plugin 'export' requires 'chat', which is not enabled") or a cycle ("a -> b -> a").
std::vector<std::string> dependencyOrder(const std::vector<std::string>& order,
                                         const std::map<std::string, std::vector<std::string>>& requirements);

}  // namespace ocomms::plugin
