// The `export` plugin: POST /api/orgs/{org}/export streams an organization's export to its owners. The
// data comes from every plugin's contributor through the SDK (ocomms/org_data.hpp), so a plugin added
// later joins the export without a change here. See README.md.
#include <ocomms/ocomms.hpp>

#include "ExportRoute.hpp"

namespace ocomms::exporter {
namespace {

class ExportPlugin final : public Plugin {
public:
    void start(HostContext& host) override {
        orgdata::OrganizationData& data = host.organizationData();
        host.router().add(http::Method::Post, "/api/orgs/{org}/export", http::Access::Owner,
                          [&data](const http::Request& request) { return exportResponse(data, request); });
    }
};

}  // namespace
}  // namespace ocomms::exporter

OCOMMS_PLUGIN(ocomms::exporter::ExportPlugin, "export", "0.1.0")
