// What every `ocomms` command but `config check` starts with: the configuration named by --config, and,
// for commands other than `serve`, a log that keeps out of the way of their own output.
#pragma once

#include <memory>
#include <optional>

#include "cli/CommandLine.hpp"
#include "config/HostConfig.hpp"
#include "log/LogSink.hpp"

namespace ocomms::cli {

/// The configuration, or nullopt after printing every issue (file, line, key) to stderr.
std::optional<config::HostConfig> loadCommandConfig(const Invocation& invocation);

/// Warnings and errors only: the command's own output is what the operator wants to read.
std::unique_ptr<log::LogSink> quietLogSink(const config::LoggingConfig& logging);

}  // namespace ocomms::cli
