// What /proc tells of the server under test: CPU time used so far (all threads, user + system) and
// resident memory.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <optional>

namespace ocomms::bench {

/// utime + stime from /proc/PID/stat, in seconds; nothing when the process is gone.
std::optional<double> processCpuSeconds(pid_t pid);

/// VmRSS from /proc/PID/status, in KiB; nothing when the process is gone.
std::optional<std::uint64_t> processRssKib(pid_t pid);

}  // namespace ocomms::bench
