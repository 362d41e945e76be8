// The OComms SDK: everything a plugin may include.
#pragma once

#include <ocomms/build_signature.hpp>
#include <ocomms/database.hpp>
#include <ocomms/events.hpp>
#include <ocomms/health.hpp>
#include <ocomms/host_context.hpp>
#include <ocomms/http.hpp>
#include <ocomms/identity.hpp>
#include <ocomms/logger.hpp>
#include <ocomms/migration.hpp>
#include <ocomms/org_data.hpp>
#include <ocomms/plugin.hpp>
#include <ocomms/settings.hpp>
#include <ocomms/visibility.hpp>
