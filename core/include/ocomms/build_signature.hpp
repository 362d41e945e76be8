// The binary contract between the host and a plugin.
//
// A plugin is C++ that shares types (std::string, nlohmann::json, soci::session, the SDK classes) with
// the host, so it must be compiled with the same compiler, C++ library ABI and library versions. The
// signature below is a string literal built only from preprocessor facts; it is embedded in every plugin
// and compared with the host's before any code of the plugin runs (see plugin.hpp).
#pragma once

#include <Poco/Version.h>
#include <boost/version.hpp>
#include <nlohmann/json.hpp>
#include <soci/version.h>

/// Bumped whenever a header in ocomms/ changes in a way that breaks plugins compiled against the old one.
#define OCOMMS_SDK_API_VERSION 1

#define OCOMMS_DETAIL_STR2(x) #x
#define OCOMMS_DETAIL_STR(x) OCOMMS_DETAIL_STR2(x)

#if defined(__clang__)
#define OCOMMS_DETAIL_COMPILER "clang " __clang_version__
#elif defined(__GNUC__)
#define OCOMMS_DETAIL_COMPILER "gcc " __VERSION__
#else
#define OCOMMS_DETAIL_COMPILER "unknown-compiler"
#endif

#if defined(_GLIBCXX_USE_CXX11_ABI) && _GLIBCXX_USE_CXX11_ABI
#define OCOMMS_DETAIL_CXXABI "libstdc++ cxx11-abi"
#elif defined(__GLIBCXX__)
#define OCOMMS_DETAIL_CXXABI "libstdc++ old-abi"
#elif defined(_LIBCPP_VERSION)
#define OCOMMS_DETAIL_CXXABI "libc++ " OCOMMS_DETAIL_STR(_LIBCPP_VERSION)
#else
#define OCOMMS_DETAIL_CXXABI "unknown-stdlib"
#endif

// Sanitizer runtimes change object layout expectations and need the runtime in the host: never mix.
#if defined(__SANITIZE_ADDRESS__)
#define OCOMMS_DETAIL_SANITIZE "; asan"
#else
#define OCOMMS_DETAIL_SANITIZE ""
#endif

/// Semicolon-separated `component version` pairs, e.g.
/// "gcc 12.2.0; libstdc++ cxx11-abi; boost 1_74; poco 0x010B0000; soci 4_0_3; json 3.11.2".
#define OCOMMS_BUILD_SIGNATURE                                                                      \
    OCOMMS_DETAIL_COMPILER "; " OCOMMS_DETAIL_CXXABI "; boost " BOOST_LIB_VERSION                   \
                           "; poco " OCOMMS_DETAIL_STR(POCO_VERSION) "; soci " SOCI_LIB_VERSION     \
                           "; json " OCOMMS_DETAIL_STR(NLOHMANN_JSON_VERSION_MAJOR) "."             \
                           OCOMMS_DETAIL_STR(NLOHMANN_JSON_VERSION_MINOR) "."                       \
                           OCOMMS_DETAIL_STR(NLOHMANN_JSON_VERSION_PATCH) OCOMMS_DETAIL_SANITIZE
