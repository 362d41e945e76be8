// The message of the exception an action is expected to throw.
#pragma once

#include <string>

#include <gtest/gtest.h>

namespace ocomms::test {

/// Runs `action`; returns the message of the `Error` it throws, or fails the test when it throws none.
template <typename Error, typename Action>
std::string errorMessageOf(Action&& action) {
    try {
        action();
    } catch (const Error& e) {
        return e.what();
    }
    ADD_FAILURE() << "expected an exception";
    return {};
}

}  // namespace ocomms::test
