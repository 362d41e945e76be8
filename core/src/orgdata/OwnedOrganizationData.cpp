#include "orgdata/OwnedOrganizationData.hpp"

#include <stdexcept>

#include "orgdata/DocumentExport.hpp"

namespace ocomms::orgdata {

void OwnedOrganizationData::exportDocument(const OrganizationInfo& organization, std::ostream& out) {
    if (database_ == nullptr) throw std::logic_error("no database is open in this command");
    exportToDocument(*database_, registry_.list(), organization, appVersion_, exportTimeNow(), out);
}

}  // namespace ocomms::orgdata
