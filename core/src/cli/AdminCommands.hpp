// `ocomms admin ...`: operator tasks on users and organizations, run against the configured database.
#pragma once

#include "cli/CommandLine.hpp"

namespace ocomms::cli {

int runAdminCreateOrg(const Invocation& invocation);
int runAdminResetPassword(const Invocation& invocation);
int runAdminListUsers(const Invocation& invocation);
int runAdminDeactivateUser(const Invocation& invocation);

}  // namespace ocomms::cli
