// How the identity API is served, as the host's configuration decides it.
#pragma once

namespace ocomms::identity {

struct IdentityApiOptions {
    bool secureCookies = false;  ///< server.public_url is https: cookies get `Secure`
};

}  // namespace ocomms::identity
