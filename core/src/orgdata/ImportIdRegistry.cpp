#include "orgdata/ImportIdRegistry.hpp"

namespace ocomms::orgdata {

std::int64_t ImportIdRegistry::instanceId(std::string_view kind, std::int64_t exportId) const {
    const auto ofKind = kinds_.find(kind);
    if (ofKind != kinds_.end()) {
        const auto it = ofKind->second.find(exportId);
        if (it != ofKind->second.end()) return it->second;
    }
    throw ImportError("", "no " + std::string(kind) + " with export id " + std::to_string(exportId) +
                              " was imported before");
}

void ImportIdRegistry::bind(std::string_view kind, std::int64_t exportId, std::int64_t instanceId) {
    auto ofKind = kinds_.find(kind);
    if (ofKind == kinds_.end()) ofKind = kinds_.emplace(std::string(kind), decltype(ofKind->second){}).first;
    if (!ofKind->second.emplace(exportId, instanceId).second) {
        throw ImportError("id", "a " + std::string(kind) + " with export id " + std::to_string(exportId) +
                                    " was imported already");
    }
}

}  // namespace ocomms::orgdata
