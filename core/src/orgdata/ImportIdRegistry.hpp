// The instance ids that export ids stand for during one import.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>

#include <ocomms/org_data.hpp>

namespace ocomms::orgdata {

class ImportIdRegistry final : public ImportIds {
public:
    std::int64_t instanceId(std::string_view kind, std::int64_t exportId) const override;
    void bind(std::string_view kind, std::int64_t exportId, std::int64_t instanceId) override;

private:
    std::map<std::string, std::unordered_map<std::int64_t, std::int64_t>, std::less<>> kinds_;
};

}  // namespace ocomms::orgdata
