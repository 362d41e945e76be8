// `ocomms export` and `ocomms import`: an organization to and from a folder (docs/export-format.md).
#pragma once

#include "cli/CommandLine.hpp"

namespace ocomms::cli {

int runExport(const Invocation& invocation);
int runImport(const Invocation& invocation);

}  // namespace ocomms::cli
