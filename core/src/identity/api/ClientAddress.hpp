// The client's address without its port, so that every connection from one host counts as one client.
#pragma once

#include <string>

namespace ocomms::identity::api {

/// "203.0.113.7:51234" -> "203.0.113.7", "[2001:db8::1]:443" -> "2001:db8::1"; anything else as it is.
std::string clientAddress(const std::string& remoteAddress);

}  // namespace ocomms::identity::api
