#include "orgdata/ExportIdRegistry.hpp"

namespace ocomms::orgdata {

std::int64_t ExportIdRegistry::of(std::string_view kind, std::int64_t instanceId) {
    auto it = kinds_.find(kind);
    if (it == kinds_.end()) it = kinds_.emplace(std::string(kind), Kind{}).first;
    Kind& ids = it->second;
    const auto next = static_cast<std::int64_t>(ids.instanceIds.size()) + 1;
    const auto [found, added] = ids.exportIdOf.emplace(instanceId, next);
    if (added) ids.instanceIds.push_back(instanceId);
    return found->second;
}

std::vector<std::int64_t> ExportIdRegistry::instanceIds(std::string_view kind) const {
    const auto it = kinds_.find(kind);
    return it == kinds_.end() ? std::vector<std::int64_t>{} : it->second.instanceIds;
}

}  // namespace ocomms::orgdata
