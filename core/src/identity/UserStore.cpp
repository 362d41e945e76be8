#include "identity/UserStore.hpp"

#include "identity/IdentityErrors.hpp"
#include "identity/PasswordHasher.hpp"
#include "identity/UniqueViolation.hpp"

namespace ocomms::identity {
namespace {

struct UserColumns {
    long long id = 0;
    std::string email;
    std::string displayName;
    std::string passwordHash;
    int instanceAdmin = 0;
    int mustResetPassword = 0;
    std::string createdAt;
    std::string deactivatedAt;
    soci::indicator deactivatedIndicator = soci::i_null;

    StoredUser toStored() const {
        return {UserInfo{id, email, displayName, instanceAdmin != 0}, passwordHash, createdAt,
                mustResetPassword != 0, deactivatedIndicator == soci::i_ok};
    }
};

}  // namespace

template <typename... Keys>
std::vector<StoredUser> UserStore::select(const std::string& condition, const Keys&... keys) {
    UserColumns row;
    auto query = (session_.prepare << "SELECT id, email, display_name, password_hash, instance_admin,"
                                      " must_reset_password, created_at, deactivated_at FROM users " + condition,
                  soci::into(row.id), soci::into(row.email), soci::into(row.displayName),
                  soci::into(row.passwordHash), soci::into(row.instanceAdmin), soci::into(row.mustResetPassword),
                  soci::into(row.createdAt), soci::into(row.deactivatedAt, row.deactivatedIndicator));
    if constexpr (sizeof...(Keys) > 0) (query, ..., soci::use(keys));
    soci::statement statement = query;
    statement.execute();
    std::vector<StoredUser> users;
    while (statement.fetch()) users.push_back(row.toStored());
    return users;
}

long long UserStore::count() {
    long long users = 0;
    session_ << "SELECT count(*) FROM users", soci::into(users);
    return users;
}

bool UserStore::emailTaken(const std::string& emailNormalized) {
    long long matching = 0;
    session_ << "SELECT count(*) FROM users WHERE email_normalized = :email", soci::use(emailNormalized),
        soci::into(matching);
    return matching > 0;
}

long long UserStore::insert(const NewUserRow& row) {
    long long id = 0;
    const int instanceAdmin = row.instanceAdmin ? 1 : 0;
    try {
        session_ << "INSERT INTO users (email, email_normalized, display_name, password_hash, instance_admin,"
                    " must_reset_password, created_at)"
                    " VALUES (:email, :normalized, :name, :hash, :admin, 0, :created) RETURNING id",
            soci::use(row.email), soci::use(row.emailNormalized), soci::use(row.displayName),
            soci::use(row.passwordHash), soci::use(instanceAdmin), soci::use(row.createdAt), soci::into(id);
    } catch (const soci::soci_error& e) {
        if (isUniqueViolation(e)) throw errors::emailTaken();
        throw;
    }
    return id;
}

long long UserStore::insertWithoutPassword(const ImportedUserRow& row) {
    long long id = 0;
    const std::string noPassword(PasswordHasher::kNoPassword);
    const std::string deactivatedAt = row.deactivatedAt.value_or("");
    soci::indicator deactivatedIndicator = row.deactivatedAt ? soci::i_ok : soci::i_null;
    session_ << "INSERT INTO users (email, email_normalized, display_name, password_hash, instance_admin,"
                " must_reset_password, created_at, deactivated_at)"
                " VALUES (:email, :normalized, :name, :hash, 0, 1, :created, :deactivated) RETURNING id",
        soci::use(row.email), soci::use(row.emailNormalized), soci::use(row.displayName), soci::use(noPassword),
        soci::use(row.createdAt), soci::use(deactivatedAt, deactivatedIndicator), soci::into(id);
    return id;
}

std::optional<StoredUser> UserStore::byId(long long id) {
    auto users = select("WHERE id = :id", id);
    if (users.empty()) return std::nullopt;
    return users.front();
}

std::optional<StoredUser> UserStore::byEmail(const std::string& emailNormalized) {
    auto users = select("WHERE email_normalized = :email", emailNormalized);
    if (users.empty()) return std::nullopt;
    return users.front();
}

std::vector<StoredUser> UserStore::all() { return select("ORDER BY id"); }

void UserStore::replacePasswordHash(long long id, const std::string& oldHash, const std::string& newHash) {
    session_ << "UPDATE users SET password_hash = :new WHERE id = :id AND password_hash = :old", soci::use(newHash),
        soci::use(id), soci::use(oldHash);
}

void UserStore::setNewPassword(long long id, const std::string& passwordHash) {
    session_ << "UPDATE users SET password_hash = :hash, must_reset_password = 0 WHERE id = :id",
        soci::use(passwordHash), soci::use(id);
}

std::vector<long long> UserStore::deactivatedSince(const std::string& at) {
    std::vector<long long> ids;
    long long id = 0;
    soci::statement query =
        (session_.prepare << "SELECT id FROM users WHERE deactivated_at >= :at ORDER BY id", soci::use(at), soci::into(id));
    query.execute();
    while (query.fetch()) ids.push_back(id);
    return ids;
}

void UserStore::deactivate(long long id, const std::string& at) {
    session_ << "UPDATE users SET deactivated_at = :at WHERE id = :id AND deactivated_at IS NULL", soci::use(at),
        soci::use(id);
}

}  // namespace ocomms::identity
