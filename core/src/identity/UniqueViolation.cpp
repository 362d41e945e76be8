#include "identity/UniqueViolation.hpp"

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <sqlite3.h>

namespace ocomms::identity {

bool isUniqueViolation(const soci::soci_error& error) {
    if (const auto* postgres = dynamic_cast<const soci::postgresql_soci_error*>(&error)) {
        return postgres->sqlstate() == "23505";
    }
    if (const auto* sqlite = dynamic_cast<const soci::sqlite3_soci_error*>(&error)) {
        return (sqlite->result() & 0xff) == SQLITE_CONSTRAINT;
    }
    return false;
}

}  // namespace ocomms::identity
