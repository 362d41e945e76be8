// POST /api/orgs/{org}/export: the organization's whole export as one JSON document, for its owners.
#pragma once

#include <chrono>
#include <string>

#include <ocomms/http.hpp>
#include <ocomms/org_data.hpp>

namespace ocomms::exporter {

/// "ocomms-export-<slug>-20261128T114500Z.json", the name a browser saves the download under.
std::string downloadName(const std::string& slug, std::chrono::system_clock::time_point moment);

/// Streams the document chunked, as the contributors read it: the organization is never held in memory.
http::Response exportResponse(orgdata::OrganizationData& data, const http::Request& request);

}  // namespace ocomms::exporter
