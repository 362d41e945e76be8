#include <iostream>
#include <string>
#include <vector>

#include "app/ExitCode.hpp"
#include "app/Signals.hpp"
#include "cli/Commands.hpp"

int main(int argc, char** argv) {
    // Before any thread exists, so that every thread inherits the mask and only sigwait() sees them.
    ocomms::app::blockShutdownSignals();
    const std::vector<std::string> args(argv + 1, argv + argc);
    try {
        return ocomms::cli::run(ocomms::cli::parseCommandLine(args));
    } catch (const ocomms::cli::UsageError& e) {
        std::cerr << "ocomms: " << e.what() << "\nRun 'ocomms --help' for usage.\n";
        return ocomms::app::kExitUsage;
    } catch (const std::exception& e) {
        std::cerr << "ocomms: " << e.what() << '\n';
        return ocomms::app::kExitFailure;
    }
}
