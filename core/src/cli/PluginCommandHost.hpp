// What `ocomms export` and `ocomms import` run in: the configuration's plugins loaded and started as
// `serve` starts them, but without HTTP or the realtime hub, on the database prepared as `serve`
// prepares it, so that every plugin's export contributor is registered.
#pragma once

#include <functional>

#include <ocomms/database.hpp>

#include "cli/CommandLine.hpp"
#include "identity/IdentityService.hpp"
#include "orgdata/ContributorRegistry.hpp"
#include "orgdata/CoreContributor.hpp"

namespace ocomms::cli {

struct StartedPlugins {
    Database& database;
    identity::IdentityService& identity;
    orgdata::ContributorRegistry& contributors;
    orgdata::CoreContributor& core;
};

/// Runs `task` with the plugins started and stops them afterwards; returns its exit code. Problems of the
/// configuration or the plugins' settings exit with 2; anything failing at run time (the database, a
/// plugin's start, an exception from `task`) is printed as "ocomms <command>: message" and exits with 1.
int withStartedPlugins(const Invocation& invocation, const std::function<int(StartedPlugins&)>& task);

}  // namespace ocomms::cli
