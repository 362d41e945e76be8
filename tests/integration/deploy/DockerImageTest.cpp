// docker/Dockerfile as far as it can be checked without a Docker engine: its build stage runs the scripts
// scripts/test runs, and its runtime stage installs exactly the packages of the libraries that the
// installed server and plugins link (docker/check-runtime-libs.sh against the same install step).
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "support/FileContents.hpp"
#include "support/ServerProcess.hpp"

namespace ocomms::test {
namespace {

const std::filesystem::path kSource = OCOMMS_TEST_SOURCE_DIR;
const std::filesystem::path kDockerfile = kSource / "docker/Dockerfile";

/// The lines of the Dockerfile stage named `name` (from its FROM to the next FROM).
std::string stage(const std::string& name) {
    std::ifstream in(kDockerfile);
    std::ostringstream lines;
    bool inside = false;
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("FROM ", 0) == 0) inside = line.ends_with(" AS " + name);
        if (inside) lines << line << '\n';
    }
    return lines.str();
}

/// The runtime component installed as the image's build stage installs it.
std::filesystem::path installRuntime(const TempDir& dir) {
    const auto prefix = dir.path() / "opt-ocomms";
    const auto install = runCommand({"cmake", "--install", OCOMMS_TEST_BUILD_DIR, "--prefix", prefix.string(),
                                     "--component", "runtime", "--strip"});
    if (install.exitCode != 0) throw std::runtime_error("cmake --install failed:\n" + install.output);
    return prefix;
}

CommandResult checkRuntimeLibs(const std::filesystem::path& prefix, const std::filesystem::path& dockerfile) {
    return runCommand({(kSource / "docker/check-runtime-libs.sh").string(), "--dockerfile", dockerfile.string(),
                       prefix.string()});
}

TEST(DockerImage, TheBuildStageRunsTheScriptsThatScriptsTestRuns) {
    const auto build = stage("build");
    ASSERT_FALSE(build.empty()) << "no stage named build in " << kDockerfile;
    EXPECT_NE(build.find("RUN scripts/lib/install-deps.sh build\n"), std::string::npos) << build;
    EXPECT_NE(build.find("RUN scripts/lib/build.sh --target ocomms_runtime"), std::string::npos) << build;
    EXPECT_NE(build.find("cmake --install build --prefix /opt/ocomms --component runtime --strip"), std::string::npos)
        << build;

    const auto scriptsTest = readText(kSource / "scripts/test");
    EXPECT_NE(scriptsTest.find("scripts/lib/install-deps.sh build test"), std::string::npos);
    EXPECT_NE(scriptsTest.find("scripts/lib/build.sh"), std::string::npos);
}

TEST(DockerImage, TheRuntimeStageRunsAsAnUnprivilegedUserAndChecksLiveness) {
    const auto runtime = stage("runtime");
    ASSERT_FALSE(runtime.empty()) << "no stage named runtime in " << kDockerfile;
    EXPECT_NE(runtime.find("FROM debian:12-slim AS runtime"), std::string::npos);
    EXPECT_NE(runtime.find("\nUSER ocomms\n"), std::string::npos) << runtime;
    EXPECT_NE(runtime.find("HEALTHCHECK"), std::string::npos) << runtime;
    EXPECT_NE(runtime.find("http://127.0.0.1:8080/api/health/live"), std::string::npos) << runtime;
    EXPECT_NE(runtime.find("COPY --from=build /opt/ocomms /opt/ocomms"), std::string::npos) << runtime;
}

TEST(DockerImage, TheRuntimeComponentHoldsTheServerPluginsAndConfigurationButNotTheSdk) {
    TempDir dir;
    const auto prefix = installRuntime(dir);
    for (const auto* file : {"bin/ocomms", "lib/ocomms/plugins/health.so", "lib/ocomms/plugins/chat.so",
                             "lib/ocomms/plugins/export.so", "lib/ocomms/plugins/backup-trigger.so",
                             "share/ocomms/config/ocomms.yaml", "share/ocomms/config/ocomms.compose.yaml"})
        EXPECT_TRUE(std::filesystem::exists(prefix / file)) << file;
    EXPECT_FALSE(std::filesystem::exists(prefix / "include")) << "the image does not need the SDK headers";
    EXPECT_FALSE(std::filesystem::exists(prefix / "lib/cmake")) << "the image does not need the CMake package";
}

TEST(DockerImage, TheRuntimeStageInstallsExactlyThePackagesOfTheLibrariesTheServerLinks) {
    TempDir dir;
    const auto prefix = installRuntime(dir);
    const auto check = checkRuntimeLibs(prefix, kDockerfile);
    EXPECT_EQ(check.exitCode, 0) << check.output;
    EXPECT_NE(check.output.find("ok: 5 files"), std::string::npos) << check.output;
}

TEST(DockerImage, TheLibraryCheckNamesAMissingAndAnUnneededPackage) {
    TempDir dir;
    const auto prefix = installRuntime(dir);
    auto dockerfile = readText(kDockerfile);
    const auto hiredis = dockerfile.find(" libhiredis0.14");
    ASSERT_NE(hiredis, std::string::npos);
    dockerfile.erase(hiredis, std::string(" libhiredis0.14").size());
    dockerfile.replace(dockerfile.find("libsodium23"), std::string("libsodium23").size(), "libsodium23 libssl3");
    const auto edited = dir.path() / "Dockerfile";
    std::ofstream(edited) << dockerfile;

    const auto check = checkRuntimeLibs(prefix, edited);
    EXPECT_EQ(check.exitCode, 1) << check.output;
    EXPECT_NE(check.output.find("libhiredis.so.0.14 (linked by bin/ocomms) comes from libhiredis0.14, which the "
                                "runtime stage does not install"),
              std::string::npos)
        << check.output;
    EXPECT_NE(check.output.find("the runtime stage installs libssl3, which no installed file links"),
              std::string::npos)
        << check.output;
}

}  // namespace
}  // namespace ocomms::test
