// Recognising a unique-constraint violation across backends, to answer a lost race with the same 409 as
// the check that normally catches it first.
#pragma once

#include <soci/soci.h>

namespace ocomms::identity {

bool isUniqueViolation(const soci::soci_error& error);

}  // namespace ocomms::identity
