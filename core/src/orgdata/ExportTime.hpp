// The moment an export is taken, as the manifest writes it and as file names carry it.
#pragma once

#include <chrono>
#include <string>

namespace ocomms::orgdata {

struct ExportTime {
    std::string iso;      ///< "2026-11-28T11:45:00Z"
    std::string compact;  ///< "20261128T114500Z", for file names
};

ExportTime exportTimeOf(std::chrono::system_clock::time_point moment);
inline ExportTime exportTimeNow() { return exportTimeOf(std::chrono::system_clock::now()); }

/// "ocomms-export-<slug>-<compact time>", the name of an export folder (and, with ".json", of a document).
inline std::string exportName(const std::string& slug, const ExportTime& time) {
    return "ocomms-export-" + slug + "-" + time.compact;
}

}  // namespace ocomms::orgdata
