// What an action that should fail with an HttpError failed with, as one comparable string.
#pragma once

#include <functional>
#include <string>

#include <ocomms/http.hpp>

namespace ocomms::test {

/// "status code: message" of the HttpError `action` throws, or "no error".
inline std::string httpFailureOf(const std::function<void()>& action) {
    try {
        action();
    } catch (const http::HttpError& e) {
        return std::to_string(e.status()) + " " + e.code() + ": " + e.what();
    }
    return "no error";
}

}  // namespace ocomms::test
