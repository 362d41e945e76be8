// Reading a file whole, and damaging one on purpose, for tests of what is written to disk.
#pragma once

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace ocomms::test {

inline std::string readText(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

/// Flips the lowest bit of the byte in the middle of `file`, as a failing disk or a bad copy would.
inline void flipOneByte(const std::filesystem::path& file) {
    std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
    const auto middle = static_cast<std::streamoff>(std::filesystem::file_size(file) / 2);
    f.seekg(middle);
    char byte = 0;
    f.get(byte);
    f.seekp(middle);
    f.put(static_cast<char>(byte ^ 0x01));
}

}  // namespace ocomms::test
