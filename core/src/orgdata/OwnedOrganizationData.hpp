// The OrganizationData a plugin sees: its contributors are registered under its name (and removed with
// it); its exports read the host's database with every contributor registered at that moment.
#pragma once

#include <memory>
#include <string>

#include <ocomms/org_data.hpp>

#include "orgdata/ContributorRegistry.hpp"

namespace ocomms::orgdata {

class OwnedOrganizationData final : public OrganizationData {
public:
    /// `database` may be null where a command runs without one; exportDocument() then throws.
    OwnedOrganizationData(ContributorRegistry& registry, std::string owner, std::shared_ptr<const void> keepAlive,
                          Database* database, std::string appVersion)
        : registry_(registry), owner_(std::move(owner)), keepAlive_(std::move(keepAlive)), database_(database),
          appVersion_(std::move(appVersion)) {}

    void contribute(std::shared_ptr<Contributor> contributor) override {
        registry_.add(owner_, keepAlive_, std::move(contributor));
    }
    void exportDocument(const OrganizationInfo& organization, std::ostream& out) override;

private:
    ContributorRegistry& registry_;
    std::string owner_;
    std::shared_ptr<const void> keepAlive_;
    Database* database_;
    std::string appVersion_;
};

}  // namespace ocomms::orgdata
