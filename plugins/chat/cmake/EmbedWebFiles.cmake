# cmake -DDIR=<web folder> -DOUT=<file.cpp> -P EmbedWebFiles.cmake
# Writes a C++ file defining ocomms::chat::web::embeddedWebFiles(): every file under DIR (subfolders
# included; README and other *.md files and dot files left out) as bytes, with its path relative to DIR.
# The content type is decided by the plugin (web/ContentTypes.cpp), which refuses an unknown extension.
file(GLOB_RECURSE _files RELATIVE "${DIR}" "${DIR}/*")
list(SORT _files)
set(_arrays "")
set(_entries "")
set(_index 0)
foreach(_relative IN LISTS _files)
  if(_relative MATCHES "(^|/)\\." OR _relative MATCHES "\\.md$")
    continue()
  endif()
  if(_relative MATCHES "[\"\\\\]")
    message(FATAL_ERROR "${DIR}/${_relative}: a web file's path must not contain quotes or backslashes")
  endif()
  file(READ "${DIR}/${_relative}" _hex HEX)
  string(LENGTH "${_hex}" _hex_length)
  math(EXPR _size "${_hex_length} / 2")
  if(_size EQUAL 0)
    set(_bytes "0")
  else()
    string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," _bytes "${_hex}")
  endif()
  string(APPEND _arrays "const unsigned char kFile${_index}[] = {${_bytes}};\n")
  string(APPEND _entries "        {\"${_relative}\", kFile${_index}, ${_size}},\n")
  math(EXPR _index "${_index} + 1")
endforeach()
if(_index EQUAL 0)
  message(FATAL_ERROR "${DIR}: no web files found")
endif()
file(WRITE "${OUT}.tmp" "// Generated from ${DIR} by EmbedWebFiles.cmake. Do not edit.
#include \"web/EmbeddedWebFiles.hpp\"

namespace ocomms::chat::web {
namespace {
${_arrays}}  // namespace

std::vector<EmbeddedWebFile> embeddedWebFiles() {
    return {
${_entries}    };
}

}  // namespace ocomms::chat::web
")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUT}.tmp")
