// The longest value the API reads for each field, in characters. The service checks the finer rules
// (formats, minimum lengths); these bound what is read at all, so that the 400 names the field.
#pragma once

#include <cstddef>

namespace ocomms::identity::api::limits {

inline constexpr std::size_t kEmail = 254;
inline constexpr std::size_t kPassword = 1024;
inline constexpr std::size_t kDisplayName = 100;
inline constexpr std::size_t kSlug = 40;
inline constexpr std::size_t kOrganizationName = 100;
inline constexpr std::size_t kToken = 256;
inline constexpr std::size_t kRole = 16;

}  // namespace ocomms::identity::api::limits
