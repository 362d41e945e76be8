// Every shell script of the project passes shellcheck: the scripts under scripts/ (backup.sh and
// restore.sh among them) and the *.sh files of docker/ and of the tests.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "support/ServerProcess.hpp"

namespace ocomms::test {
namespace {

namespace fs = std::filesystem;

bool startsWithBashShebang(const fs::path& file) {
    std::ifstream in(file);
    std::string first;
    std::getline(in, first);
    return first.rfind("#!", 0) == 0 && first.find("bash") != std::string::npos;
}

std::vector<std::string> shellScripts() {
    const fs::path root(OCOMMS_TEST_SOURCE_DIR);
    std::vector<std::string> scripts;
    for (const auto& entry : fs::recursive_directory_iterator(root / "scripts")) {
        if (!entry.is_regular_file()) continue;
        const auto& path = entry.path();
        if (path.extension() == ".sh" || startsWithBashShebang(path)) scripts.push_back(path.string());
    }
    for (const auto* folder : {"docker", "tests"}) {
        for (const auto& entry : fs::recursive_directory_iterator(root / folder)) {
            if (entry.is_regular_file() && entry.path().extension() == ".sh" &&
                entry.path().string().find("node_modules") == std::string::npos)
                scripts.push_back(entry.path().string());
        }
    }
    std::sort(scripts.begin(), scripts.end());
    return scripts;
}

TEST(Shellcheck, EveryShellScriptPasses) {
    const auto scripts = shellScripts();
    for (const auto* expected :
         {"/scripts/backup.sh", "/scripts/restore.sh", "/scripts/test", "/docker/check-runtime-libs.sh"}) {
        EXPECT_TRUE(
            std::any_of(scripts.begin(), scripts.end(), [&](const std::string& s) { return s.ends_with(expected); }))
            << expected << " is not checked";
    }
    std::vector<std::string> argv{"shellcheck", "--external-sources"};
    argv.insert(argv.end(), scripts.begin(), scripts.end());
    const auto result = runCommand(argv);
    EXPECT_EQ(result.exitCode, 0) << result.output;
}

}  // namespace
}  // namespace ocomms::test
