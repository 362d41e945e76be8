// Reads one section of an ELF shared object from the file, without loading it.
#pragma once

#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>

namespace ocomms::plugin {

class ElfError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// The bytes of section `name`, or nullopt when the file has no such section. Throws ElfError when the
/// file cannot be read or is not a 64-bit little-endian ELF file of this machine.
std::optional<std::string> readElfSection(const std::filesystem::path& file, const std::string& name);

}  // namespace ocomms::plugin
