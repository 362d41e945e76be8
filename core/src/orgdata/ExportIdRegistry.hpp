// Export ids handed out during one export: 1, 2, 3... per kind, in the order of first use.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include <ocomms/org_data.hpp>

namespace ocomms::orgdata {

class ExportIdRegistry final : public ExportIds {
public:
    std::int64_t of(std::string_view kind, std::int64_t instanceId) override;
    std::vector<std::int64_t> instanceIds(std::string_view kind) const override;

private:
    struct Kind {
        std::unordered_map<std::int64_t, std::int64_t> exportIdOf;
        std::vector<std::int64_t> instanceIds;  ///< index + 1 is the export id
    };
    std::map<std::string, Kind, std::less<>> kinds_;
};

}  // namespace ocomms::orgdata
