#include "plugin/ElfSection.hpp"

#include <elf.h>

#include <cstring>
#include <fstream>
#include <vector>

namespace ocomms::plugin {
namespace {

constexpr std::uint64_t kMaxSectionBytes = 1 << 20;  // a manifest is a few hundred bytes

void readAt(std::ifstream& in, std::uint64_t offset, void* out, std::size_t size, const std::filesystem::path& file) {
    in.seekg(static_cast<std::streamoff>(offset));
    in.read(static_cast<char*>(out), static_cast<std::streamsize>(size));
    if (!in) throw ElfError(file.string() + ": truncated ELF file");
}

}  // namespace

std::optional<std::string> readElfSection(const std::filesystem::path& file, const std::string& name) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw ElfError(file.string() + ": cannot open: " + std::strerror(errno));

    Elf64_Ehdr header{};
    in.read(reinterpret_cast<char*>(&header), sizeof header);
    if (!in || std::memcmp(header.e_ident, ELFMAG, SELFMAG) != 0)
        throw ElfError(file.string() + ": not an ELF file");
    if (header.e_ident[EI_CLASS] != ELFCLASS64 || header.e_ident[EI_DATA] != ELFDATA2LSB)
        throw ElfError(file.string() + ": not a 64-bit little-endian ELF file");
#if defined(__x86_64__)
    if (header.e_machine != EM_X86_64) throw ElfError(file.string() + ": built for another processor");
#elif defined(__aarch64__)
    if (header.e_machine != EM_AARCH64) throw ElfError(file.string() + ": built for another processor");
#endif
    if (header.e_type != ET_DYN) throw ElfError(file.string() + ": not a shared object");
    if (header.e_shentsize != sizeof(Elf64_Shdr) || header.e_shnum == 0 || header.e_shstrndx >= header.e_shnum)
        throw ElfError(file.string() + ": has no usable section table");

    std::vector<Elf64_Shdr> sections(header.e_shnum);
    readAt(in, header.e_shoff, sections.data(), sections.size() * sizeof(Elf64_Shdr), file);

    const Elf64_Shdr& names = sections[header.e_shstrndx];
    if (names.sh_size > kMaxSectionBytes * 16) throw ElfError(file.string() + ": section name table too large");
    std::string nameTable(names.sh_size, '\0');
    readAt(in, names.sh_offset, nameTable.data(), nameTable.size(), file);

    for (const Elf64_Shdr& section : sections) {
        if (section.sh_name >= nameTable.size()) continue;
        if (std::strcmp(nameTable.c_str() + section.sh_name, name.c_str()) != 0) continue;
        if (section.sh_type == SHT_NOBITS) return std::string();
        if (section.sh_size > kMaxSectionBytes) throw ElfError(file.string() + ": section " + name + " too large");
        std::string bytes(section.sh_size, '\0');
        readAt(in, section.sh_offset, bytes.data(), bytes.size(), file);
        return bytes;
    }
    return std::nullopt;
}

}  // namespace ocomms::plugin
