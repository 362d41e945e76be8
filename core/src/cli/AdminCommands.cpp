#include "cli/AdminCommands.hpp"

#include <unistd.h>

#include <functional>
#include <iomanip>
#include <iostream>
#include <sodium.h>

#include "app/Bootstrap.hpp"
#include "app/ExitCode.hpp"
#include "cli/CommandConfig.hpp"
#include "identity/IdentityService.hpp"
#include "plugin/PluginHost.hpp"

namespace ocomms::cli {
namespace {

/// A password piped in on standard input, or nullopt when standard input is a terminal or empty.
std::optional<std::string> passwordFromStdin() {
    if (isatty(STDIN_FILENO)) return std::nullopt;
    std::string line;
    if (!std::getline(std::cin, line)) return std::nullopt;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) return std::nullopt;
    return line;
}

/// 20 characters from an alphabet without look-alikes: about 116 bits.
std::string generatedPassword() {
    static constexpr char kAlphabet[] = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    std::string password;
    for (int i = 0; i < 20; ++i) password += kAlphabet[randombytes_uniform(sizeof kAlphabet - 1)];
    return password;
}

/// Loads the configuration, opens the database (migrating it as `serve` would) and runs `task` with the
/// identity service. Errors of the service (HttpError) are printed with their message.
int withIdentity(const Invocation& invocation, const std::function<int(identity::IdentityService&)>& task) {
    const auto config = loadCommandConfig(invocation);
    if (!config) return app::kExitUsage;
    auto sink = quietLogSink(config->logging);
    log::ComponentLogger logger(*sink, "admin");
    plugin::PluginHost plugins(*config, logger);
    if (auto issues = plugins.load(); !issues.empty()) {
        app::printIssues(issues, std::cerr);
        return app::kExitUsage;
    }
    try {
        auto pool = app::openDatabase(config->database, logger);
        if (config->database.autoMigrate) app::applyMigrations(*pool, plugins.migrationSources(), logger);
        identity::IdentityService service(*pool, app::identitySettingsFrom(config->auth), logger);
        return task(service);
    } catch (const http::HttpError& e) {
        std::cerr << "ocomms admin: " << e.what() << '\n';
        return app::kExitFailure;
    } catch (const std::exception& e) {
        std::cerr << "ocomms admin: " << e.what() << '\n';
        return app::kExitFailure;
    }
}

std::string localPart(const std::string& email) { return email.substr(0, email.find('@')); }

/// Runs `task` with the user named by --email, or says there is none.
int withUserByEmail(const Invocation& invocation,
                    const std::function<int(identity::IdentityService&, const identity::UserSummary&)>& task) {
    return withIdentity(invocation, [&](identity::IdentityService& service) {
        const std::string& email = invocation.options.at("--email");
        const auto user = service.userByEmail(email);
        if (!user) {
            std::cerr << "ocomms admin: no user with email " << email << '\n';
            return static_cast<int>(app::kExitFailure);
        }
        return task(service, *user);
    });
}

}  // namespace

int runAdminCreateOrg(const Invocation& invocation) {
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
    return withIdentity(invocation, [&](identity::IdentityService& service) {
        const std::string email = invocation.options.at("--owner-email");
        std::int64_t ownerId = 0;
        if (auto existing = service.userByEmail(email)) {
            ownerId = existing->user.id;
        } else {
            const auto piped = passwordFromStdin();
            const std::string password = piped ? *piped : generatedPassword();
            ownerId = service.createUser({email, password, localPart(email)}).id;
            std::cout << "created user " << email << " (id " << ownerId << ")\n";
            if (!piped) std::cout << "password (shown once): " << password << '\n';
        }
        const auto organization =
            service.createOrganization(ownerId, {invocation.options.at("--slug"), invocation.options.at("--name")});
        std::cout << "created organization " << organization.slug << " (id " << organization.id << "), owner "
                  << email << '\n';
        return app::kExitOk;
    });
}

int runAdminResetPassword(const Invocation& invocation) {
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
    return withUserByEmail(invocation, [&](identity::IdentityService& service, const identity::UserSummary& user) {
        const auto piped = passwordFromStdin();
        const std::string password = piped ? *piped : generatedPassword();
        service.setPassword(user.user.id, password);
        std::cout << "password of " << invocation.options.at("--email") << " reset; every session signed out\n";
        if (!piped) std::cout << "password (shown once): " << password << '\n';
        return static_cast<int>(app::kExitOk);
    });
}

int runAdminListUsers(const Invocation& invocation) {
    return withIdentity(invocation, [&](identity::IdentityService& service) {
        const auto users = service.listUsers();
        std::size_t emailWidth = 5, nameWidth = 4;
        for (const auto& u : users) {
            emailWidth = std::max(emailWidth, u.user.email.size());
            nameWidth = std::max(nameWidth, u.user.displayName.size());
        }
        std::cout << std::left << std::setw(8) << "ID" << std::setw(static_cast<int>(emailWidth) + 2) << "EMAIL"
                  << std::setw(static_cast<int>(nameWidth) + 2) << "NAME" << std::setw(7) << "ADMIN"
                  << std::setw(26) << "CREATED" << "STATUS\n";
        for (const auto& u : users) {
            std::cout << std::left << std::setw(8) << u.user.id << std::setw(static_cast<int>(emailWidth) + 2)
                      << u.user.email << std::setw(static_cast<int>(nameWidth) + 2) << u.user.displayName
                      << std::setw(7) << (u.user.instanceAdmin ? "yes" : "no") << std::setw(26) << u.createdAt
                      << (u.deactivated ? "deactivated" : (u.mustResetPassword ? "must reset password" : "active"))
                      << '\n';
        }
        return static_cast<int>(app::kExitOk);
    });
}

int runAdminDeactivateUser(const Invocation& invocation) {
    return withUserByEmail(invocation, [&](identity::IdentityService& service, const identity::UserSummary& user) {
        service.deactivate(user.user.id);
        std::cout << "deactivated " << invocation.options.at("--email") << "; every session signed out\n";
        return static_cast<int>(app::kExitOk);
    });
}

}  // namespace ocomms::cli
