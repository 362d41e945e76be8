#include "ExportRoute.hpp"

#include <cstdio>
#include <ctime>

namespace ocomms::exporter {

std::string downloadName(const std::string& slug, std::chrono::system_clock::time_point moment) {
    const std::time_t seconds = std::chrono::system_clock::to_time_t(moment);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char time[80];  // room for any int year, which the compiler cannot rule out
    std::snprintf(time, sizeof time, "%04d%02d%02dT%02d%02d%02dZ", utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday,
                  utc.tm_hour, utc.tm_min, utc.tm_sec);
    return "ocomms-export-" + slug + "-" + time + ".json";
}

http::Response exportResponse(orgdata::OrganizationData& data, const http::Request& request) {
    // The route is Access::Owner on {org}: the host has resolved the organization and checked the role.
    const OrganizationInfo organization = *request.caller->organization;
    auto response = http::Response::stream("application/json", [&data, organization](std::ostream& out) {
        data.exportDocument(organization, out);
    });
    // A slug is [a-z0-9-], so the name needs no quoting beyond the quotes.
    const auto fileName = downloadName(organization.slug, std::chrono::system_clock::now());
    response.header("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
    response.header("Cache-Control", "no-store");
    return response;
}

}  // namespace ocomms::exporter
