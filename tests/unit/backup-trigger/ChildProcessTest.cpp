// Child processes: exit status and error output kept, the environment given, and termination that works
// even on a stopped child and on one started by a host that blocks SIGTERM.
#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>
#include <thread>

#include "ChildProcess.hpp"
#include "support/ServerProcess.hpp"

namespace ocomms::backup {
namespace {

TEST(ChildProcess, ExitStatusAndErrorOutputAreKept) {
    const auto outcome = runChild({{"sh", "-c", "echo 'no such table' >&2; exit 3"}, {}});
    EXPECT_FALSE(outcome.succeeded());
    EXPECT_EQ(outcome.exitCode, 3);
    EXPECT_EQ(outcome.describe(), "exited with status 3: no such table");
}

TEST(ChildProcess, TheGivenVariablesReachTheChildAndNotItsCommandLine) {
    const auto outcome =
        runChild({{"sh", "-c", "test \"$PGPASSWORD\" = 'pa ss' && test -n \"$PATH\""}, {{"PGPASSWORD", "pa ss"}}});
    EXPECT_TRUE(outcome.succeeded()) << outcome.describe();
}

TEST(ChildProcess, AProgramThatCannotBeFoundIsNamed) {
    try {
        ChildProcess child({{"ocomms-no-such-program"}, {}});
        FAIL() << "it started";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("ocomms-no-such-program"), std::string::npos) << e.what();
    }
}

TEST(ChildProcess, TerminateEndsEvenAStoppedChildStartedWithSigtermBlocked) {
    // The host blocks SIGTERM in every thread; the child must not inherit that.
    sigset_t blocked, previous;
    sigemptyset(&blocked);
    sigaddset(&blocked, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &blocked, &previous);
    ChildProcess child({{"sleep", "600"}, {}});
    pthread_sigmask(SIG_SETMASK, &previous, nullptr);

    kill(child.pid(), SIGSTOP);
    std::thread stopper([&child] { child.terminate(); });
    const auto outcome = child.wait();
    stopper.join();
    EXPECT_TRUE(outcome.terminated);
    EXPECT_EQ(outcome.signal, SIGTERM) << outcome.describe();
}

TEST(ChildProcess, AChildThatIgnoresTerminationIsKilledAfterTheGrace) {
    // The shell touches a file once its trap is set, so that SIGTERM cannot arrive before it.
    const ocomms::test::TempDir dir;
    const auto ready = dir.path() / "ready";
    ChildProcess child(
        {{"sh", "-c", "trap '' TERM; touch \"$1\"; while :; do sleep 1; done", "sh", ready.string()}, {}});
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (!std::filesystem::exists(ready) && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    ASSERT_TRUE(std::filesystem::exists(ready));
    child.terminate();
    const auto outcome = child.wait(std::chrono::milliseconds(200));
    EXPECT_TRUE(outcome.terminated);
    EXPECT_EQ(outcome.signal, SIGKILL) << outcome.describe();
}

}  // namespace
}  // namespace ocomms::backup
