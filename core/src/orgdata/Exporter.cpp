#include "orgdata/Exporter.hpp"

#include <optional>
#include <stdexcept>

#include "orgdata/ExportIdRegistry.hpp"

namespace ocomms::orgdata {
namespace {

struct PendingEntity {
    const RegisteredContributor* owner;
    std::string entity;
};

/// Begins the transaction that every contributor reads in, so that the export is one moment of the
/// database even while it is being written to. SQLite in WAL mode keeps a read transaction's snapshot
/// from its first read to its end; PostgreSQL needs REPEATABLE READ for that.
void beginSnapshot(soci::session& sql, Dialect dialect) {
    sql << (dialect == Dialect::Postgres ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN");
}

void exportEntity(const PendingEntity& pending, ExportSource& source, EntitySink& sink) {
    const std::string name = pending.owner->qualified(pending.entity);
    try {
        RowWriter& rows = sink.begin(name);
        pending.owner->contributor->exportRows(pending.entity, source, rows);
        sink.end();
    } catch (const std::exception& e) {
        throw std::runtime_error("exporting " + name + ": " + e.what());
    }
}

}  // namespace

std::vector<std::string> exportOrganization(Database& database, const std::vector<RegisteredContributor>& contributors,
                                            const OrganizationInfo& organization, EntitySink& sink) {
    std::vector<PendingEntity> order;
    std::optional<PendingEntity> users;
    std::vector<std::string> importOrder;
    for (const auto& contributor : contributors) {
        for (const auto& entity : contributor.contributor->entities()) {
            importOrder.push_back(contributor.qualified(entity));
            if (importOrder.back() == kUsersEntity) {
                users = PendingEntity{&contributor, entity};
            } else {
                order.push_back({&contributor, entity});
            }
        }
    }
    if (users) order.push_back(*users);

    PooledSession session = database.session();
    beginSnapshot(*session, database.dialect());
    detail::OpenTransaction snapshot(*session);
    ExportIdRegistry ids;
    ExportSource source{*session, database, database.dialect(), organization, ids};
    for (const auto& pending : order) exportEntity(pending, source, sink);
    snapshot.commit();
    return importOrder;
}

}  // namespace ocomms::orgdata
