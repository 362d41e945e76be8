#include "DatabaseCopier.hpp"

#include "PostgresCopier.hpp"
#include "SqliteCopier.hpp"

namespace ocomms::backup {

std::unique_ptr<DatabaseCopier> copierFor(Database& database, const std::string& pgBinDir) {
    if (database.dialect() == Dialect::Postgres) return std::make_unique<PostgresCopier>(database, pgBinDir);
    return std::make_unique<SqliteCopier>(database);
}

}  // namespace ocomms::backup
