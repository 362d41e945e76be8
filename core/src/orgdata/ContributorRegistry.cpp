#include "orgdata/ContributorRegistry.hpp"

#include <set>
#include <stdexcept>

namespace ocomms::orgdata {
namespace {

bool isEntityName(const std::string& name) {
    if (name.empty() || name.front() < 'a' || name.front() > 'z') return false;
    for (const char c : name)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
    return true;
}

}  // namespace

void ContributorRegistry::add(const std::string& owner, std::shared_ptr<const void> keepAlive,
                              std::shared_ptr<Contributor> contributor) {
    if (!contributor) throw std::invalid_argument("organization data: a contributor is required");
    std::set<std::string> names;
    for (const auto& registered : list())
        if (registered.owner == owner)
            for (const auto& entity : registered.contributor->entities()) names.insert(entity);
    for (const auto& entity : contributor->entities()) {
        if (!isEntityName(entity)) {
            throw std::invalid_argument("organization data: entity name '" + entity +
                                        "' must be lowercase letters, digits and '_', starting with a letter");
        }
        if (!names.insert(entity).second) {
            throw std::invalid_argument("organization data: entity '" + owner + "." + entity +
                                        "' is contributed twice");
        }
    }
    contributors_.add(owner, std::move(keepAlive), std::move(contributor));
}

std::vector<RegisteredContributor> ContributorRegistry::list() const {
    std::vector<RegisteredContributor> result;
    for (auto& entry : contributors_.snapshot()) result.push_back({entry.owner, entry.value, entry.keepAlive});
    return result;
}

}  // namespace ocomms::orgdata
