// The keys of the host's own configuration (everything but `plugins:`), declared with the SDK's schema
// types so that one validator serves the core and the plugins alike.
#pragma once

#include <ocomms/settings.hpp>

namespace ocomms::config {

const SettingsSchema& coreSchema();

/// The schema of one `plugins:` entry, apart from its raw `settings:` mapping.
const SettingsSchema& pluginEntrySchema();

}  // namespace ocomms::config
