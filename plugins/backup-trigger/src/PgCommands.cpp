#include "PgCommands.hpp"

namespace ocomms::backup {
namespace {

std::string tool(const std::string& binDir, const char* name) {
    return binDir.empty() ? std::string(name) : (std::filesystem::path(binDir) / name).string();
}

/// libpq keyword values: quoted when empty or holding whitespace, quotes or backslashes.
std::string libpqValue(const std::string& value) {
    if (!value.empty() && value.find_first_of(" \t\n\r\f\v'\\") == std::string::npos) return value;
    std::string out = "'";
    for (const char c : value) {
        if (c == '\'' || c == '\\') out += '\\';
        out += c;
    }
    return out + "'";
}

}  // namespace

std::string conninfoWithoutPassword(const DatabaseLocation& location) {
    std::string out;
    const auto add = [&out](const std::string& keyword, const std::string& value) {
        out += (out.empty() ? "" : " ") + keyword + "=" + libpqValue(value);
    };
    add("host", location.host);
    add("port", std::to_string(location.port));
    add("dbname", location.dbname);
    if (!location.user.empty()) add("user", location.user);
    for (const auto& [keyword, value] : location.options) add(keyword, value);
    if (!location.options.count("application_name")) add("application_name", "ocomms-backup");
    return out;
}

ChildCommand pgDumpCommand(const DatabaseLocation& location, const std::string& binDir,
                           const std::filesystem::path& target, const std::string& snapshot) {
    ChildCommand command;
    command.argv = {
        tool(binDir, "pg_dump"),  "--format=custom",           "--no-password",
        "--snapshot=" + snapshot, "--file=" + target.string(), "--dbname=" + conninfoWithoutPassword(location)};
    if (!location.password.empty()) command.env["PGPASSWORD"] = location.password;
    return command;
}

ChildCommand pgRestoreListCommand(const std::string& binDir, const std::filesystem::path& file) {
    return {{tool(binDir, "pg_restore"), "--list", file.string()}, {}};
}

}  // namespace ocomms::backup
