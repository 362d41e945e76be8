// Typing one scalar (already `${VAR}`-substituted) against a Boolean, Integer, String or Duration setting.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include <ocomms/settings.hpp>

namespace ocomms::config {

struct ScalarOutcome {
    nlohmann::json value;
    std::string problem;  ///< empty when `value` is good; says what was expected and (unless secret) got
};

ScalarOutcome convertScalar(const Setting& setting, const std::string& text);

/// "must be a duration such as 250ms, 30s, 5m, 2h or 7d": the type a setting expects.
std::string expectedKind(SettingType type);

}  // namespace ocomms::config
