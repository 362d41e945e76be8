#include <gtest/gtest.h>

#include <fstream>

#include <ocomms/plugin.hpp>

#include "plugin/PluginManifest.hpp"

namespace ocomms::plugin {
namespace {

using namespace std::string_literals;

TEST(PluginManifest, ParsesEveryEntry) {
    const auto m = parseManifest("ocomms-plugin\0api=1\0name=export\0version=2.0.1\0signature=gcc 12\0requires=chat health\0"s,
                                 "x.so");
    EXPECT_EQ(m.apiVersion, 1);
    EXPECT_EQ(m.name, "export");
    EXPECT_EQ(m.version, "2.0.1");
    EXPECT_EQ(m.signature, "gcc 12");
    EXPECT_EQ(m.dependencies, (std::vector<std::string>{"chat", "health"}));
}

TEST(PluginManifest, RefusesWhatIsNotAManifest) {
    EXPECT_THROW(parseManifest("something else\0"s, "x.so"), PluginLoadError);
    EXPECT_THROW(parseManifest("ocomms-plugin\0name=x\0"s, "x.so"), PluginLoadError);      // no api
    EXPECT_THROW(parseManifest("ocomms-plugin\0api=one\0name=x\0"s, "x.so"), PluginLoadError);
    EXPECT_THROW(parseManifest("ocomms-plugin\0api=1\0"s, "x.so"), PluginLoadError);       // no name
}

TEST(PluginManifest, AcceptsKeysFromANewerSdk) {
    EXPECT_NO_THROW(parseManifest("ocomms-plugin\0api=1\0name=x\0homepage=https://x\0"s, "x.so"));
}

TEST(PluginManifest, CompatibleWhenApiAndSignatureMatch) {
    PluginManifest m{OCOMMS_SDK_API_VERSION, "x", "1", OCOMMS_BUILD_SIGNATURE, {}};
    EXPECT_NO_THROW(checkCompatibility(m, "x.so", OCOMMS_SDK_API_VERSION, OCOMMS_BUILD_SIGNATURE));
}

TEST(PluginManifest, SignatureMismatchNamesTheDifferingComponent) {
    PluginManifest m{1, "x", "1", "gcc 13.1.0; libstdc++ cxx11-abi; boost 1_74", {}};
    try {
        checkCompatibility(m, "/p/x.so", 1, "gcc 12.2.0; libstdc++ cxx11-abi; boost 1_74");
        FAIL();
    } catch (const PluginLoadError& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find("plugin 'x' (/p/x.so) was built with gcc 13.1.0, this host with gcc 12.2.0"),
                  std::string::npos)
            << message;
    }
}

TEST(PluginManifest, SignatureMismatchNamesAComponentOnlyOneSideHas) {
    PluginManifest m{1, "x", "1", "gcc 12.2.0; boost 1_74", {}};
    try {
        checkCompatibility(m, "/p/x.so", 1, "gcc 12.2.0; boost 1_74; asan");
        FAIL();
    } catch (const PluginLoadError& e) {
        EXPECT_NE(std::string(e.what()).find("was built without asan"), std::string::npos) << e.what();
    }
}

TEST(PluginManifest, ReadsTheManifestFromABuiltPluginWithoutLoadingIt) {
    const auto m = readManifest(std::filesystem::path(OCOMMS_TEST_FIXTURE_PLUGIN_DIR) / "good.so");
    EXPECT_EQ(m.name, "good");
    EXPECT_EQ(m.version, "1.2.3");
    EXPECT_EQ(m.signature, OCOMMS_BUILD_SIGNATURE);
}

TEST(PluginManifest, FileThatIsNotElfIsRefused) {
    const auto file = std::filesystem::temp_directory_path() / "ocomms-not-elf.so";
    std::ofstream(file) << "just text";
    try {
        readManifest(file);
        FAIL();
    } catch (const PluginLoadError& e) {
        EXPECT_NE(std::string(e.what()).find("not an ELF file"), std::string::npos) << e.what();
    }
    std::filesystem::remove(file);
}

TEST(PluginManifest, ElfFileWithoutManifestIsNotAPlugin) {
    // The host binary: an ELF file (a position-independent executable or not) with no manifest section.
    try {
        readManifest(OCOMMS_TEST_BINARY);
        FAIL();
    } catch (const PluginLoadError& e) {
        const std::string message = e.what();
        EXPECT_TRUE(message.find("not an OComms plugin") != std::string::npos ||
                    message.find("not a shared object") != std::string::npos)
            << message;
    }
}

}  // namespace
}  // namespace ocomms::plugin
