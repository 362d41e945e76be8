// `${VAR}`, `${VAR:-default}` and `$$` in configuration values.
#pragma once

#include <functional>
#include <optional>
#include <stdexcept>
#include <string>

namespace ocomms::config {

class SubstitutionError : public std::runtime_error {
public:
    /// `quotesText`: the message repeats part of the text being substituted, so it must not be shown when
    /// that text is a secret.
    explicit SubstitutionError(const std::string& message, bool quotesText = false)
        : std::runtime_error(message), quotesText_(quotesText) {}
    bool quotesText() const noexcept { return quotesText_; }

private:
    bool quotesText_;
};

using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;

/// The process environment.
EnvLookup processEnvironment();

/// `${VAR}`: the variable's value; an unset variable is an error naming it.
/// `${VAR:-default}`: the default when VAR is unset or empty (the default may itself be empty; it is the
/// literal text up to the first `}`, not substituted again).
/// `$$`: a literal `$`. A `$` followed by anything else is kept as it is.
/// Throws SubstitutionError for an unset `${VAR}`, an unterminated `${`, or an invalid variable name.
std::string substituteEnv(const std::string& text, const EnvLookup& lookup);

}  // namespace ocomms::config
