#include "orgdata/CoreContributor.hpp"

#include <stdexcept>

#include <ocomms/http.hpp>

#include "identity/AccountRules.hpp"
#include "identity/MembershipStore.hpp"
#include "identity/OrganizationStore.hpp"
#include "identity/UserStore.hpp"

namespace ocomms::orgdata {
namespace {

constexpr const char* kUserKind = "user";

nlohmann::json nullable(const std::string& value, soci::indicator indicator) {
    return indicator == soci::i_ok ? nlohmann::json(value) : nlohmann::json(nullptr);
}

/// Runs one of the identity's checks on an imported field, reporting its failure as the field's.
template <typename Check>
auto checkedField(const char* field, Check&& check) -> decltype(check()) {
    try {
        return check();
    } catch (const http::HttpError& e) {
        const std::string message = e.what();
        const auto colon = message.find(": ");
        throw ImportError(field, colon == std::string::npos ? message : message.substr(colon + 2));
    }
}

void exportOrganization(ExportSource& source, RowWriter& rows) {
    std::string slug, name, createdAt;
    long long id = source.organization.id;
    source.sql << "SELECT slug, name, created_at FROM organizations WHERE id = :id", soci::use(id), soci::into(slug),
        soci::into(name), soci::into(createdAt);
    if (!source.sql.got_data()) throw std::runtime_error("organization " + std::to_string(id) + " does not exist");
    rows.write({{"slug", slug}, {"name", name}, {"created_at", createdAt}});
}

void exportMembers(ExportSource& source, RowWriter& rows) {
    long long organization = source.organization.id, user = 0;
    std::string role, joinedAt;
    soci::statement select =
        (source.sql.prepare << "SELECT user_id, role, created_at FROM memberships WHERE organization_id = :organization"
                               " ORDER BY " + source.byUser("user_id"),
         soci::use(organization), soci::into(user), soci::into(role), soci::into(joinedAt));
    select.execute();
    while (select.fetch()) {
        rows.write({{"user", source.ids.of(kUserKind, user)}, {"role", role}, {"joined_at", joinedAt}});
    }
}

void exportUsers(ExportSource& source, RowWriter& rows) {
    long long id = 0;
    std::string email, displayName, createdAt, deactivatedAt;
    soci::indicator deactivatedIndicator = soci::i_null;
    soci::statement select =
        (source.sql.prepare << "SELECT email, display_name, created_at, deactivated_at FROM users WHERE id = :id",
         soci::use(id), soci::into(email), soci::into(displayName), soci::into(createdAt),
         soci::into(deactivatedAt, deactivatedIndicator));
    std::int64_t exportId = 0;
    for (const auto instanceId : source.ids.instanceIds(kUserKind)) {
        ++exportId;
        id = instanceId;
        if (!select.execute(true)) throw std::runtime_error("user " + std::to_string(id) + " does not exist");
        rows.write({{"id", exportId}, {"email", email}, {"display_name", displayName}, {"created_at", createdAt},
                    {"deactivated_at", nullable(deactivatedAt, deactivatedIndicator)}});
    }
}

void importOrganization(ImportTarget& target, RowReader& rows) {
    nlohmann::json row;
    if (!rows.next(row)) throw ImportError("", "the organization's row is missing");
    const RowFields fields(row, {"slug", "name", "created_at"});
    checkedField("slug", [&] { return identity::checkedSlug(fields.text("slug")); });
    const std::string name =
        checkedField("name", [&] { return identity::checkedOrganizationName(fields.text("name")); });
    // The slug was chosen before the import began: the exported one, or --as-slug.
    target.organization = checkedField("slug", [&] {
        return identity::OrganizationStore(target.sql, target.dialect)
            .insert(target.organization.slug, name, fields.text("created_at"));
    });
    if (rows.next(row)) throw ImportError("", "an export holds one organization");
}

void importUsers(ImportTarget& target, RowReader& rows, std::atomic<long long>& linkedUsers) {
    identity::UserStore users(target.sql);
    nlohmann::json row;
    while (rows.next(row)) {
        const RowFields fields(row, {"id", "email", "display_name", "created_at", "deactivated_at"});
        const auto email = checkedField("email", [&] { return identity::checkedEmail(fields.text("email")); });
        const auto displayName =
            checkedField("display_name", [&] { return identity::checkedDisplayName(fields.text("display_name")); });
        const auto existing = users.byEmail(email.normalized);
        long long instanceId = 0;
        if (existing) {
            instanceId = existing->info.id;
            ++linkedUsers;
        } else {
            instanceId = users.insertWithoutPassword({email.email, email.normalized, displayName,
                                                      fields.text("created_at"),
                                                      fields.optionalText("deactivated_at")});
        }
        target.ids.bind(kUserKind, fields.integer("id"), instanceId);
    }
}

void importMembers(ImportTarget& target, RowReader& rows) {
    identity::MembershipStore memberships(target.sql, target.database);
    nlohmann::json row;
    while (rows.next(row)) {
        const RowFields fields(row, {"user", "role", "joined_at"});
        const auto role = parseRole(fields.text("role"));
        if (!role) throw ImportError("role", "must be owner, admin or member");
        memberships.add(target.organization.id, fields.reference("user", kUserKind, target.ids), *role,
                        fields.text("joined_at"));
    }
}

}  // namespace

void CoreContributor::exportRows(const std::string& entity, ExportSource& source, RowWriter& rows) {
    if (entity == "organization") return exportOrganization(source, rows);
    if (entity == "members") return exportMembers(source, rows);
    if (entity == "users") return exportUsers(source, rows);
    throw std::logic_error("core has no entity '" + entity + "'");
}

void CoreContributor::importRows(const std::string& entity, ImportTarget& target, RowReader& rows) {
    if (entity == "organization") return importOrganization(target, rows);
    if (entity == "users") return importUsers(target, rows, linkedUsers_);
    if (entity == "members") return importMembers(target, rows);
    throw std::logic_error("core has no entity '" + entity + "'");
}

}  // namespace ocomms::orgdata
